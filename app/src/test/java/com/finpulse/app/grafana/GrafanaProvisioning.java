package com.finpulse.app.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The repository's Grafana provisioning: where the dashboards are and what the provisioned InfluxDB
 * data source says (its uid, database and minimum interval).
 */
record GrafanaProvisioning(
    Path dashboardsDir, String dataSourceUid, String database, Duration minInterval) {

  static final Path DATASOURCE = Path.of("grafana", "provisioning", "datasources", "influxdb.yaml");
  static final Path DASHBOARDS = Path.of("grafana", "dashboards");

  /**
   * Finds the repository from the module directory the build runs tests in (surefire and failsafe
   * set {@code basedir}).
   */
  static GrafanaProvisioning ofRepository() {
    Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    for (Path dir = module; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(DATASOURCE))
          && Files.isDirectory(dir.resolve(DASHBOARDS))) {
        return read(dir);
      }
    }
    throw new IllegalStateException(
        "cannot find " + DATASOURCE + " and " + DASHBOARDS + " above " + module);
  }

  static GrafanaProvisioning read(Path repository) {
    try {
      JsonNode yaml =
          new ObjectMapper(new YAMLFactory()).readTree(repository.resolve(DATASOURCE).toFile());
      JsonNode ds = yaml.path("datasources").path(0);
      String interval = ds.path("jsonData").path("timeInterval").asText("");
      return new GrafanaProvisioning(
          repository.resolve(DASHBOARDS),
          ds.path("uid").asText(),
          ds.path("jsonData").path("dbName").asText(),
          interval.isBlank() ? Duration.ofMillis(1) : QueryTimeRange.parse(interval));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DATASOURCE, e);
    }
  }
}
