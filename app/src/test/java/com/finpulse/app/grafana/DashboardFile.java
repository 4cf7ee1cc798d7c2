package com.finpulse.app.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A provisioned Grafana dashboard reduced to what runs against InfluxDB: every panel target, every
 * annotation query and every template variable, in the order Grafana resolves them.
 *
 * <p>Targets must be raw InfluxQL ({@code rawQuery: true}); a query-builder target is rejected with
 * its location, so no panel escapes the check by being written in another form.
 */
record DashboardFile(
    String uid,
    String title,
    List<TemplateVariable> variables,
    List<PanelQuery> panelQueries,
    List<PanelQuery> annotationQueries) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static List<DashboardFile> loadAll(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<DashboardFile> out =
          files
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .sorted()
              .map(DashboardFile::load)
              .toList();
      if (out.isEmpty()) {
        throw new IllegalStateException("no dashboard JSON in " + dir);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list dashboards in " + dir, e);
    }
  }

  static DashboardFile load(Path file) {
    try {
      return parse(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  static DashboardFile parse(String json) {
    try {
      return parse(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DashboardFile parse(JsonNode d) {
    List<TemplateVariable> variables = new ArrayList<>();
    for (JsonNode v : d.path("templating").path("list")) {
      List<String> current = new ArrayList<>();
      JsonNode value = v.path("current").path("value");
      if (value.isArray()) {
        value.forEach(x -> current.add(x.asText()));
      } else if (value.isTextual()) {
        current.add(value.asText());
      }
      JsonNode query = v.path("query");
      variables.add(
          new TemplateVariable(
              v.path("name").asText(),
              v.path("type").asText(),
              query.isTextual() ? query.asText() : query.path("query").asText(),
              v.path("multi").asBoolean(false),
              v.path("includeAll").asBoolean(false),
              List.copyOf(current),
              v.path("sort").asInt(0)));
    }

    List<PanelQuery> panels = new ArrayList<>();
    for (JsonNode p : d.path("panels")) {
      if (p.path("type").asText().equals("row")) {
        // A collapsed row keeps its panels inside it.
        p.path("panels").forEach(child -> addTargets(child, panels));
      } else {
        addTargets(p, panels);
      }
    }

    List<PanelQuery> annotations = new ArrayList<>();
    for (JsonNode a : d.path("annotations").path("list")) {
      if (!a.path("datasource").path("type").asText().equals("influxdb")) {
        continue; // Grafana's built-in annotations do not query InfluxDB
      }
      JsonNode target = a.path("target");
      String query = target.path("query").asText(a.path("query").asText(""));
      String location = "annotation \"" + a.path("name").asText() + "\"";
      if (query.isBlank()) {
        throw new IllegalArgumentException(location + " has no InfluxQL query");
      }
      annotations.add(new PanelQuery(PanelQuery.Kind.ANNOTATION, location, query, null));
    }
    return new DashboardFile(
        d.path("uid").asText(),
        d.path("title").asText(),
        List.copyOf(variables),
        List.copyOf(panels),
        List.copyOf(annotations));
  }

  private static void addTargets(JsonNode panel, List<PanelQuery> out) {
    String where =
        "panel " + panel.path("id").asText() + " \"" + panel.path("title").asText() + "\"";
    String interval = panel.path("interval").asText("");
    JsonNode targets = panel.path("targets");
    if (!targets.isArray() || targets.isEmpty()) {
      throw new IllegalArgumentException(where + " has no queries");
    }
    for (JsonNode t : targets) {
      if (t.path("hide").asBoolean(false)) {
        continue;
      }
      String location = where + " " + t.path("refId").asText("?");
      if (!t.path("rawQuery").asBoolean(false) || t.path("query").asText("").isBlank()) {
        throw new IllegalArgumentException(
            location + " is not a raw InfluxQL query (rawQuery: true, query); write it raw");
      }
      out.add(
          new PanelQuery(
              PanelQuery.Kind.PANEL,
              location,
              t.path("query").asText(),
              interval.isBlank() ? null : interval));
    }
  }

  /** The queries of the template variables, in resolution order. */
  List<PanelQuery> variableQueries() {
    return variables.stream().filter(TemplateVariable::isQuery).map(v -> variableQuery(v)).toList();
  }

  static PanelQuery variableQuery(TemplateVariable v) {
    return new PanelQuery(PanelQuery.Kind.VARIABLE, "variable $" + v.name(), v.query(), null);
  }

  @Override
  public String toString() {
    return title + " (" + uid + ")";
  }

  /** Panel and annotation queries: what the dashboard shows. */
  List<PanelQuery> shownQueries() {
    List<PanelQuery> out = new ArrayList<>(panelQueries);
    out.addAll(annotationQueries);
    return out;
  }
}
