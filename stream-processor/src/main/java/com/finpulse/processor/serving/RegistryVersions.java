package com.finpulse.processor.serving;

import com.finpulse.common.text.LogText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The model registry as the processor reads it: {@code <root>/<version>/}, each a model directory
 * with its {@code model.json}. Resolves a version name to its directory and nothing more; the name
 * is checked before it touches the file system, so a name from {@code models.serving} cannot reach
 * outside the root.
 */
public final class RegistryVersions {

  /** A version name: lower-case letters, digits, dots, dashes and underscores, no leading dot. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private final Path root;

  public RegistryVersions(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * The directory of {@code version}.
   *
   * @throws IllegalArgumentException naming the version and the registry when the name is not a
   *     version name or no model directory of that name is there
   */
  public Path resolve(String version) {
    if (version == null || version.length() > 100 || !NAME.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "not a version name (lower-case letters, digits, '.', '_', '-'; at most 100): "
              + (version == null ? "null" : "'" + quoted(version) + "'"));
    }
    Path dir = root.resolve(version).normalize();
    if (!dir.getParent().equals(root)) {
      throw new IllegalArgumentException("version '" + version + "' is outside the registry");
    }
    if (!Files.isRegularFile(dir.resolve("model.json"))) {
      throw new IllegalArgumentException(
          "no version '"
              + version
              + "' in the model registry "
              + root
              + (Files.isDirectory(dir) ? " (its directory has no model.json)" : ""));
    }
    return dir;
  }

  /** A name from a record, cut and escaped for a log line or a status. */
  static String quoted(String s) {
    return LogText.escape(s.length() > 100 ? s.substring(0, 100) + "..." : s);
  }
}
