# The khabar image for the multi-machine deployment (docker-compose.yaml): the official
# Airflow image with khabar's pinned dependencies and the khabar package.
FROM apache/airflow:3.3.2-python3.12

# The same pins and lock as a local install (make venv); the image already holds Airflow 3.3.2.
COPY --chown=airflow:root requirements.txt constraints.txt /opt/khabar/
RUN pip install --no-cache-dir -r /opt/khabar/requirements.txt -c /opt/khabar/constraints.txt

# The package (its data files and SQL library are package data), installed in place.
COPY --chown=airflow:root pyproject.toml README.md /opt/khabar/
COPY --chown=airflow:root include /opt/khabar/include
RUN pip install --no-cache-dir --no-deps -e /opt/khabar

# hazm's tables, cached once at build time (every task would otherwise build them on first use).
ENV KHABAR_CACHE_DIR=/opt/khabar/cache
RUN python -c "from khabar.text.fast_hazm import hazm_data; hazm_data()"

# The DAGs and the plugin (khabar in the Airflow UI) are part of the image; docker-compose.yaml
# also mounts ./dags and ./plugins for development.
COPY --chown=airflow:root dags /opt/airflow/dags
COPY --chown=airflow:root plugins /opt/airflow/plugins
