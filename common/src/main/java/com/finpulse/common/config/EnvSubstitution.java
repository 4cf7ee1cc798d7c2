package com.finpulse.common.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in config values; {@code $${} writes a
 * literal {@code ${}. An unset variable without a default is an error, never a silent empty
 * string. An empty variable counts as unset when a default is given, as in the shell.
 */
public final class EnvSubstitution {

  private static final Pattern REF =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> env;

  public EnvSubstitution(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * @throws IllegalArgumentException naming the variable when it is unset and has no default
   */
  public String expand(String value) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    Matcher m = REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$${")) {
        replacement = "${";
      } else {
        String name = m.group(1);
        String fallback = m.group(2);
        String set = env.get(name);
        if (set != null && !(set.isEmpty() && fallback != null)) {
          replacement = set;
        } else if (fallback != null) {
          replacement = fallback;
        } else {
          throw new IllegalArgumentException(
              "environment variable " + name + " is not set and ${" + name + "} has no default");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
