package com.finpulse.alerts.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The console's files, all from the jar: its pages at {@code /} and uPlot at {@code /vendor/uplot/}
 * from the uPlot WebJar (whose version is the pom's, read from the WebJar itself). Served with the
 * same strict headers as the API; nothing comes from another origin.
 */
final class ConsoleAssets {

  static final String PAGES = "/com/finpulse/alerts/console";
  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

  /**
   * No inline script or style, no other origin, no framing: a headline that slipped into the page
   * as markup still could not run.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** Headers of every answer, files and API alike. */
  static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "Cross-Origin-Opener-Policy", "same-origin");

  /** The files of the uPlot WebJar the console loads. */
  private static final Map<String, String> UPLOT_FILES =
      Map.of(
          "uPlot.esm.js", "text/javascript; charset=utf-8",
          "uPlot.min.css", "text/css; charset=utf-8");

  private ConsoleAssets() {}

  static void register(JavalinConfig config) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = PAGES;
          files.location = Location.CLASSPATH;
          files.headers = HEADERS;
          // The pages hold no data: anyone may load them; every call they make needs a session.
          files.roles = Set.of(Access.PUBLIC);
        });
    String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
    config.routes.addHttpHandler(
        HandlerType.GET,
        "/vendor/uplot/{file}",
        ctx -> {
          String file = ctx.pathParam("file");
          String type = UPLOT_FILES.get(file);
          if (type == null) {
            throw new ApiException(404, "no such file");
          }
          try (InputStream in = ConsoleAssets.class.getResourceAsStream(uplot + file)) {
            if (in == null) {
              throw new ApiException(404, "no such file");
            }
            ctx.contentType(type).result(in.readAllBytes());
          }
        },
        Access.PUBLIC);
  }

  private static String uplotVersion() {
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException(
            "the uPlot WebJar (org.webjars.npm:uplot) is missing from the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
