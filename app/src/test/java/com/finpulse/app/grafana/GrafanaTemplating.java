package com.finpulse.app.grafana;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders an InfluxQL query the way Grafana's InfluxDB data source does before sending it:
 * dashboard variables first (escaped for regular expressions where they sit inside {@code =~
 * /.../}, multi-value and "All" selections as {@code (a|b)}), then {@code $timeFilter}, {@code
 * $__interval} and {@code $__interval_ms}. A variable that has no value is an error, never left in
 * the query.
 */
final class GrafanaTemplating {

  /** Grafana's variable syntaxes: {@code $name}, {@code [[name]]}, {@code ${name}} (+ format). */
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?\\]\\]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?\\}");

  /** A regular-expression literal on the right of {@code =~} or {@code !~}. */
  private static final Pattern REGEX_LITERAL =
      Pattern.compile("[=!]~\\s*/((?:\\\\.|[^/\\\\\\n])*)/");

  /** Characters Grafana's escapeRegex escapes. */
  private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");

  private GrafanaTemplating() {}

  /** A variable's selection: one value, or several for a multi-value or "All" variable. */
  record Selection(List<String> values, boolean asList) {

    static Selection single(String value) {
      return new Selection(List.of(value), false);
    }

    static Selection list(List<String> values) {
      return new Selection(List.copyOf(values), true);
    }

    @Override
    public String toString() {
      return asList ? values.toString() : values.get(0);
    }
  }

  static final class UnresolvedVariableException extends IllegalArgumentException {
    UnresolvedVariableException(String message) {
      super(message);
    }
  }

  /**
   * @param selections the dashboard variables' current values, by name
   * @param interval {@code $__interval} for this panel
   */
  static String render(
      String query, Map<String, Selection> selections, QueryTimeRange range, Duration interval) {
    List<int[]> regexSpans = new ArrayList<>();
    Matcher rx = REGEX_LITERAL.matcher(query);
    while (rx.find()) {
      regexSpans.add(new int[] {rx.start(1), rx.end(1)});
    }
    StringBuilder out = new StringBuilder();
    List<String> unresolved = new ArrayList<>();
    Matcher m = VARIABLE.matcher(query);
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
      String replacement =
          switch (name) {
            case "timeFilter" -> range.timeFilter();
            case "__interval", "interval" -> QueryTimeRange.format(interval);
            case "__interval_ms" -> Long.toString(interval.toMillis());
            default -> {
              Selection selection = selections.get(name);
              if (selection == null) {
                unresolved.add("$" + name);
                yield m.group();
              }
              boolean inRegex =
                  regexSpans.stream().anyMatch(s -> m.start() >= s[0] && m.end() <= s[1]);
              yield format(name, selection, inRegex);
            }
          };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    if (!unresolved.isEmpty()) {
      throw new UnresolvedVariableException(
          "undefined variable(s) " + String.join(", ", unresolved) + " in: " + query);
    }
    return out.toString();
  }

  private static String format(String name, Selection selection, boolean inRegex) {
    if (!inRegex) {
      if (selection.asList()) {
        throw new IllegalArgumentException(
            "multi-value variable $"
                + name
                + " is used outside a regular expression (=~ /^$"
                + name
                + "$/), where InfluxQL cannot match a list");
      }
      return selection.values().get(0);
    }
    if (!selection.asList()) {
      String value = selection.values().get(0);
      return isNumber(value) ? value : escapeRegex(value);
    }
    return selection.values().stream()
        .map(GrafanaTemplating::escapeRegex)
        .collect(Collectors.joining("|", "(", ")"));
  }

  static String escapeRegex(String value) {
    return REGEX_SPECIAL.matcher(value).replaceAll("\\\\$0");
  }

  private static boolean isNumber(String value) {
    return value.matches("-?\\d+(\\.\\d+)?");
  }
}
