<?xml version="1.0" encoding="utf-8"?>
<!--
  Written by feedwright ([site] preview = "xslt"). A browser that opens one of this site's RSS
  or Atom feeds shows this page instead of raw XML: what a feed is, how to subscribe, and the
  feed's title and entries. Feed readers ignore it. It loads nothing (no fonts, images or
  scripts). Rewritten by every build: edit feeds.toml, not this file.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="rss" select="/rss/channel"/>
  <xsl:variable name="atom" select="/atom:feed"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="normalize-space($rss/title | $atom/atom:title)"/>
    <xsl:variable name="self"
        select="($rss/atom:link[@rel = 'self'] | $atom/atom:link[@rel = 'self'])[1]/@href"/>
    <xsl:variable name="home"
        select="$rss/link | $atom/atom:link[@rel = 'alternate' or not(@rel)][1]/@href"/>
    <html lang="{$rss/language | $atom/@xml:lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> · web feed</title>
        <style>
          :root { color-scheme: light dark; --muted: #59636e; --line: #d1d9e0; --note: #fff8c5; --note-line: #d4a72c; --link: #0969da; }
          @media (prefers-color-scheme: dark) { :root { --muted: #9198a1; --line: #3d444d; --note: #272115; --note-line: #9e6a03; --link: #4493f8; } }
          body { font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
          a { color: var(--link); }
          .about { background: var(--note); border: 1px solid var(--note-line); border-radius: 8px; padding: 0.75rem 1rem; }
          .about p { margin: 0.4rem 0; }
          .address { display: block; overflow-wrap: anywhere; font: 0.95rem ui-monospace, SFMono-Regular, Menlo, monospace; padding: 0.4rem 0.6rem; border: 1px solid var(--line); border-radius: 6px; user-select: all; }
          h1 { font-size: 2rem; line-height: 1.2; margin: 2rem 0 0.25rem; }
          .description { color: var(--muted); margin-top: 0; }
          h2 { font-size: 1.1rem; border-bottom: 1px solid var(--line); padding-bottom: 0.3rem; margin-top: 2rem; }
          ol { list-style: none; padding: 0; }
          li { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
          li a { font-weight: 600; font-size: 1.1rem; text-decoration: none; }
          li a:hover { text-decoration: underline; }
          time { display: block; color: var(--muted); font-size: 0.9rem; }
        </style>
      </head>
      <body>
        <section class="about">
          <p><strong>This is a web feed</strong> (RSS or Atom): a page made for feed readers,
            which show you every new post of the sites you follow, in one place, without an
            account on them.</p>
          <p>To subscribe, copy this address into your feed reader:</p>
          <code class="address"><xsl:value-of select="$self"/></code>
          <p>No reader yet? Many are free, for every device: search for "RSS reader". Your
            browser shows this page because you opened the feed itself.</p>
        </section>
        <h1><xsl:value-of select="$title"/></h1>
        <p class="description">
          <xsl:value-of select="$rss/description | $atom/atom:subtitle"/>
        </p>
        <xsl:if test="$home">
          <p><a href="{$home}">Visit the website</a></p>
        </xsl:if>
        <h2>Latest entries</h2>
        <ol>
          <xsl:apply-templates select="$rss/item | $atom/atom:entry"/>
        </ol>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <a href="{link}"><xsl:value-of select="title"/></a>
      <time><xsl:value-of select="normalize-space(substring(pubDate, 1, 16))"/></time>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <a href="{atom:link[@rel = 'alternate' or not(@rel)][1]/@href}">
        <xsl:value-of select="atom:title"/>
      </a>
      <time>
        <xsl:choose>
          <xsl:when test="atom:published">
            <xsl:value-of select="substring(atom:published, 1, 10)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="substring(atom:updated, 1, 10)"/>
          </xsl:otherwise>
        </xsl:choose>
      </time>
    </li>
  </xsl:template>
</xsl:stylesheet>
