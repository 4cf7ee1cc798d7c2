package com.finpulse.common.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects validation problems by key path ({@code sources[2].url}); the loader turns the paths
 * into {@code file:line}. Collecting rather than throwing lets one run report every mistake.
 */
public final class Validation {

  /** A problem at a key path. */
  public record Problem(String path, String message) {}

  private final String prefix;
  private final List<Problem> problems;

  private Validation(String prefix, List<Problem> problems) {
    this.prefix = prefix;
    this.problems = problems;
  }

  public static Validation root() {
    return new Validation("", new ArrayList<>());
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** Records {@code message} against {@code key} unless {@code ok}. */
  public Validation check(boolean ok, String key, String message) {
    if (!ok) {
      problems.add(new Problem(path(key), message));
    }
    return this;
  }

  public Validation notBlank(String value, String key) {
    return check(value != null && !value.isBlank(), key, "must not be empty");
  }

  public Validation positive(double value, String key) {
    return check(value > 0, key, "must be > 0, got " + value);
  }

  public Validation range(double value, double min, double max, String key) {
    return check(
        value >= min && value <= max, key, "must be in [" + min + ", " + max + "], got " + value);
  }

  /** An absolute http(s) URL. */
  public Validation httpUrl(String value, String key) {
    boolean ok;
    try {
      URI uri = URI.create(value);
      ok =
          uri.getScheme() != null
              && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
              && uri.getHost() != null;
    } catch (RuntimeException e) {
      ok = false;
    }
    return check(ok, key, "must be an absolute http(s) URL, got '" + value + "'");
  }

  /** Validates a nested record under {@code key}. */
  public Validation nested(String key, Validated child) {
    if (child != null) {
      child.validate(new Validation(path(key), problems));
    }
    return this;
  }

  /** Validates each element of a list under {@code key[i]}. */
  public Validation each(String key, List<? extends Validated> children) {
    if (children != null) {
      for (int i = 0; i < children.size(); i++) {
        nested(key + "[" + i + "]", children.get(i));
      }
    }
    return this;
  }

  private String path(String key) {
    if (prefix.isEmpty()) {
      return key;
    }
    return key.startsWith("[") ? prefix + key : prefix + "." + key;
  }
}
