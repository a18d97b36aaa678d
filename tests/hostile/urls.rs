//! Class 5: every URL field of config and front matter gets the same scheme allow-list as content, and a relative link stays under the site URL.
