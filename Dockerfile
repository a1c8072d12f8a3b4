# Image for compose.yaml: the RSCA Platform with its Python dependencies (WeasyPrint needs Pango).
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir . && rsca compilemessages --ignore=.venv -v 0 || true
RUN useradd --create-home rsca && mkdir -p /data && chown rsca /data
USER rsca
EXPOSE 8000
