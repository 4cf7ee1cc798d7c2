package com.finpulse.common.config;

import org.jspecify.annotations.Nullable;

/**
 * How a service reaches InfluxDB (1.x HTTP API, which InfluxDB 2 and 3 also serve).
 *
 * @param url base URL; empty means the embedded influxd of {@code ./finpulse up}
 * @param database database name; created at start when missing
 * @param username empty for no authentication
 * @param retentionPolicy empty for the database's default policy
 */
public record InfluxSettings(
    String url,
    String database,
    @Nullable String username,
    @Nullable String password,
    @Nullable String retentionPolicy)
    implements Validated {

  public InfluxSettings {
    url = url == null || url.isBlank() ? LocalEndpoints.INFLUX_URL : stripSlash(url.trim());
    database = database == null || database.isBlank() ? LocalEndpoints.INFLUX_DATABASE : database;
    username = blankToNull(username);
    password = blankToNull(password);
    retentionPolicy = blankToNull(retentionPolicy);
  }

  public static InfluxSettings local() {
    return new InfluxSettings(
        LocalEndpoints.INFLUX_URL, LocalEndpoints.INFLUX_DATABASE, null, null, null);
  }

  public InfluxSettings withUrl(String newUrl) {
    return new InfluxSettings(newUrl, database, username, password, retentionPolicy);
  }

  @Override
  public void validate(Validation v) {
    v.httpUrl(url, "url");
    v.check(
        database.matches("[A-Za-z0-9_\\-]+"),
        "database",
        "use letters, digits, '_' and '-' only, got '" + database + "'");
    v.check(
        (username == null) == (password == null), "password", "username and password go together");
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "InfluxSettings[url=" + url + ", database=" + database + ", username=" + username + "]";
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
