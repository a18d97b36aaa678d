# feedwright in a container, for CI systems that run them:
#   docker build -t feedwright .
#   docker run --rm -v "$PWD:/site" -w /site feedwright build
# The first stage builds the release binary with the command the README's "Install" gives; the
# final image holds that binary and the C runtime it links to, nothing else.
FROM rust:1.89-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo install --locked --path . --root /out

FROM debian:bookworm-slim
COPY --from=build /out/bin/feedwright /usr/local/bin/feedwright
WORKDIR /site
ENTRYPOINT ["feedwright"]
CMD ["build"]
