package com.finpulse.common.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The model registry's layout: one directory per version under a root ({@code models/registry}),
 * each a model directory whose {@code model.json} records, in its {@code training} section, the
 * version, its parent, when it was made ({@value #REGISTRY_FIELD}), the dev metrics of every epoch
 * and the analysts' agreement with the model before and after ({@value #AGREEMENT_FIELD}). Versions
 * are named {@code v1}, {@code v2}, … by default, or anything matching {@code
 * [a-z0-9][a-z0-9._-]*}. This class owns the layout: training writes versions through it, and
 * whatever serves or promotes a version resolves it here. It reads only the {@link TrainingReport}
 * of {@code model.json}, so it needs no model code.
 */
public final class ModelRegistry {

  /** A version name: lower case letters, digits, dot, underscore and dash; no leading dot. */
  public static final Pattern VERSION_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  /** The model directory's manifest (the model module's {@code ModelBundle.MANIFEST}). */
  public static final String MANIFEST = "model.json";

  /** {@code training.registry}: version, parent and created. */
  public static final String REGISTRY_FIELD = "registry";

  /** {@code training.feedback_agreement}: {@code before} and {@code after}, each with accuracy. */
  public static final String AGREEMENT_FIELD = "feedback_agreement";

  private static final Pattern NUMBERED = Pattern.compile("v([0-9]{1,9})");
  private static final int MAX_NAME = 64;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One version as listed.
   *
   * @param parent the version or model path it was trained from; null for a fresh start
   * @param created null when {@code model.json} is missing (a run that did not finish) or not
   *     readable
   * @param devScore the best epoch's dev score (mean macro-F1 over the tasks); null if not recorded
   * @param agreementBefore the parent's accuracy on the feedback dev set; null if not measured
   * @param agreementAfter this version's accuracy on the feedback dev set; null if not measured
   */
  public record Version(
      String name,
      Path dir,
      @Nullable String parent,
      @Nullable Instant created,
      @Nullable Double devScore,
      @Nullable Double agreementBefore,
      @Nullable Double agreementAfter,
      boolean complete) {}

  private final Path root;

  public ModelRegistry(Path root) {
    this.root = root;
  }

  /** {@code models/registry} under the system property {@code finpulse.home} (default "."). */
  public static Path defaultRoot() {
    return Path.of(System.getProperty("finpulse.home", ".")).resolve("models").resolve("registry");
  }

  public Path root() {
    return root;
  }

  /**
   * Checks a version name.
   *
   * @throws IllegalArgumentException saying what a name may be
   */
  public static String validateName(String name) {
    if (name == null || name.length() > MAX_NAME || !VERSION_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid model version name '"
              + com.finpulse.common.text.LogText.escape(name)
              + "': use lower case letters, digits, '.', '_' and '-', starting with a letter or"
              + " digit, at most "
              + MAX_NAME
              + " characters");
    }
    return name;
  }

  /** The directory a version has or would have (the name checked, its existence not). */
  public Path directoryOf(String version) {
    return root.resolve(validateName(version));
  }

  /**
   * The directory of an existing, finished version.
   *
   * @throws IllegalArgumentException if the name is invalid, or there is no such finished version
   */
  public Path resolve(String version) {
    Path dir = directoryOf(version);
    if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
      throw new IllegalArgumentException(
          "no model version '"
              + version
              + "' in "
              + root
              + (Files.isDirectory(dir) ? " (its directory has no " + MANIFEST + ")" : ""));
    }
    return dir;
  }

  /**
   * {@code v<N+1>} for the highest {@code v<N>} there is (finished or not); {@code v1} at first.
   */
  public String nextVersion() {
    long max = 0;
    for (Path d : directories()) {
      Matcher m = NUMBERED.matcher(d.getFileName().toString());
      if (m.matches()) {
        max = Math.max(max, Long.parseLong(m.group(1)));
      }
    }
    return "v" + (max + 1);
  }

  /**
   * Creates the directory of a new version: {@code version}, or the next free {@code v<N>} when
   * null. The creation is atomic, so two runs cannot take the same version.
   *
   * @throws IllegalArgumentException if the name is invalid or the version exists
   */
  public Path create(@Nullable String version) {
    try {
      Files.createDirectories(root);
      if (version != null) {
        return Files.createDirectory(directoryOf(version));
      }
      while (true) {
        try {
          return Files.createDirectory(root.resolve(nextVersion()));
        } catch (FileAlreadyExistsException raced) {
          // another run took it between the listing and the creation: take the next one
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(
          "model version '" + version + "' exists in " + root + ": choose another --version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a version directory in " + root, e);
    }
  }

  /** The registry version a model directory's {@code model.json} records; null if none. */
  public static @Nullable String versionOf(Path modelDir) {
    TrainingReport report = readReport(modelDir);
    return report == null || report.registry() == null ? null : report.registry().version();
  }

  /**
   * The registry's record of a version, for its {@code model.json}'s training report.
   *
   * @param parent the parent's version, or its path when it is not a registry version; null for
   *     none
   */
  public static TrainingReport.RegistryEntry stamp(
      String version, @Nullable String parent, Instant created) {
    return new TrainingReport.RegistryEntry(validateName(version), parent, created.toString());
  }

  /** Every version, oldest first (by creation, then name); unfinished ones last. */
  public List<Version> list() {
    List<Version> out = new ArrayList<>();
    for (Path d : directories()) {
      out.add(describe(d));
    }
    out.sort(
        Comparator.comparing(
                (Version v) -> v.created() == null ? Instant.MAX : v.created(),
                Comparator.naturalOrder())
            .thenComparing(Version::name));
    return out;
  }

  private Version describe(Path dir) {
    String name = dir.getFileName().toString();
    if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
      return new Version(name, dir, null, null, null, null, null, false);
    }
    TrainingReport training;
    try {
      training = readReport(dir);
    } catch (UncheckedIOException e) {
      // Not JSON, or not a training report (a truncated copy, a hand edit): listed with nothing
      // read from it, so that the others are still listed; serving it fails where it is loaded,
      // with the reason.
      training = null;
    }
    if (training == null) {
      return new Version(name, dir, null, null, null, null, null, true);
    }
    TrainingReport.RegistryEntry reg = training.registry();
    TrainingReport.Agreements agreement = training.feedbackAgreement();
    OptionalDouble devScore = training.bestDevScore();
    return new Version(
        name,
        dir,
        reg == null ? null : reg.parent(),
        reg == null ? null : reg.createdAt(),
        devScore.isPresent() ? devScore.getAsDouble() : null,
        agreement == null ? null : accuracy(agreement.before()),
        agreement == null ? null : accuracy(agreement.after()),
        true);
  }

  private static @Nullable Double accuracy(TrainingReport.@Nullable Agreement a) {
    return a == null ? null : a.accuracy();
  }

  private List<Path> directories() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory)
          .filter(p -> VERSION_NAME.matcher(p.getFileName().toString()).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  /** What the registry reads of a {@code model.json}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Manifest(@JsonProperty("training") @Nullable TrainingReport training) {}

  /** The training report of a model directory; null without {@code model.json} or report. */
  private static @Nullable TrainingReport readReport(Path dir) {
    Path f = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      return JSON.readValue(f.toFile(), Manifest.class).training();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }
}
