package com.finpulse.model.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the raw values of a label column to a task's label indices. {@code 0=negative,1=positive}
 * maps ids to names; without a map, values are matched to label names (case-insensitive) or taken
 * as indices into the label list.
 */
public final class LabelMap {

  private final Map<String, Integer> byRaw = new LinkedHashMap<>();
  private final List<String> labels;
  private boolean indicesAllowed;

  private LabelMap(List<String> labels) {
    this.labels = labels;
  }

  /** Parses {@code raw=name,raw=name}; every name must be one of {@code labels}. */
  public static LabelMap parse(String spec, List<String> labels) {
    LabelMap m = new LabelMap(labels);
    if (spec == null || spec.isBlank()) {
      return m;
    }
    for (String pair : spec.split(",(?=[^,=]+=)")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new DataException("label map entry '" + pair + "' is not raw=name");
      }
      String raw = pair.substring(0, eq).trim();
      String name = pair.substring(eq + 1).trim();
      m.byRaw.put(raw, m.indexOfName(name));
    }
    return m;
  }

  /** A map for ids 0..n-1 in the label list's own order. */
  public static LabelMap identity(List<String> labels) {
    LabelMap m = new LabelMap(labels);
    for (int i = 0; i < labels.size(); i++) {
      m.byRaw.put(Integer.toString(i), i);
    }
    return m;
  }

  /**
   * Without an explicit map: label names (case-insensitive), or integers indexing {@code labels} in
   * order.
   */
  public static LabelMap namesOrIndices(List<String> labels) {
    LabelMap m = new LabelMap(labels);
    m.indicesAllowed = true;
    return m;
  }

  private int indexOfName(String name) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new DataException("label '" + name + "' is not one of the model's labels " + labels);
  }

  /** The label index of a raw value; a clear error for values the map does not know. */
  public int index(String raw) {
    String key = raw.trim();
    Integer i = byRaw.get(key);
    if (i != null) {
      return i;
    }
    if (byRaw.isEmpty()) {
      for (int j = 0; j < labels.size(); j++) {
        if (labels.get(j).toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
          return j;
        }
      }
      if (indicesAllowed && key.matches("\\d+") && Integer.parseInt(key) < labels.size()) {
        return Integer.parseInt(key);
      }
    }
    throw new DataException(
        "label value '" + raw + "' is not in the label map (known: " + known() + ")");
  }

  private String known() {
    return byRaw.isEmpty() ? labels.toString() : byRaw.keySet().toString();
  }
}
