package com.finpulse.model.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.registry.ModelRegistry;
import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.feedback.FeedbackAgreement;
import com.finpulse.model.feedback.FeedbackHoldout;
import com.finpulse.model.feedback.FeedbackMix;
import com.finpulse.model.feedback.FeedbackSource;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.ClassifierOptions;
import com.finpulse.model.serve.Classifiers;
import com.finpulse.model.task.Task;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code model train} that retrain from analysts' corrections and write the result
 * as a registry version: {@code --feedback SOURCE}, {@code --feedback-weight N}, {@code --registry
 * DIR}, {@code --version NAME}.
 */
record FeedbackOptions(
    @Nullable String source,
    int weight,
    @Nullable ModelRegistry registry,
    @Nullable String version) {

  /**
   * Each training correction is repeated this often: analysts fix what the model gets wrong, so a
   * correction is worth more than a row of the bulk data, but few corrections repeated too often
   * would overfit them (the tiny test model, FeedbackTrainingTest, learns its corrections at 4).
   */
  static final int DEFAULT_WEIGHT = 4;

  static final String USAGE =
      """
        --feedback SOURCE        analysts' corrections, mixed into the training data: the
                                 console's CSV export, or kafka:BOOTSTRAP (labels.feedback read
                                 to its end, texts joined from news.scored). The latest 20 % by
                                 time are held out as the feedback dev set: never trained on;
                                 the agreement of --init and of the new model with them is
                                 printed and recorded in model.json
        --feedback-weight N      repeat each training correction N times, default 4
        --registry DIR           write the model as a new version DIR/<version>/ instead of --out
                                 (e.g. models/registry; list with ./finpulse model registry list)
        --version NAME           the version's name ([a-z0-9][a-z0-9._-]*, must be new); default
                                 the next v<N>. With --resume, the version to go on with
      """;

  /**
   * The corrections of a run: the held-out feedback dev set and the trained ones.
   *
   * @param dataInfo the source, for the training report's data files
   */
  record Prepared(FeedbackHoldout holdout, TrainingReport.DataFile dataInfo) {}

  static FeedbackOptions parse(CliArgs a) {
    FeedbackOptions o =
        new FeedbackOptions(
            a.get("feedback"),
            a.intValue("feedback-weight", DEFAULT_WEIGHT),
            a.path("registry") == null ? null : new ModelRegistry(a.path("registry")),
            a.get("version"));
    if (o.weight < 1) {
      throw new UsageException("--feedback-weight must be at least 1, got " + o.weight);
    }
    if (a.get("feedback-weight") != null && o.source == null) {
      throw new UsageException("--feedback-weight goes with --feedback");
    }
    if (o.version != null) {
      if (o.registry == null) {
        throw new UsageException("--version goes with --registry");
      }
      try {
        ModelRegistry.validateName(o.version);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    if (o.registry != null && a.get("out") != null) {
      throw new UsageException(
          "--registry and --out exclude each other: a registry run's output"
              + " is the version's directory");
    }
    if (o.registry == null && a.get("out") == null) {
      throw new UsageException("give --out DIR or --registry DIR");
    }
    return o;
  }

  /**
   * Reads the corrections, holds out the latest as the feedback dev set and adds the rest, {@link
   * #weight} times each, to the training rows (a correction of the entity task adds that head).
   * Null without {@code --feedback}.
   */
  @Nullable Prepared mixInto(TrainingDataOptions.Assembled data, PrintStream err) {
    if (source == null) {
      return null;
    }
    FeedbackSource.Read read;
    try {
      read = FeedbackSource.parse(source).read(err);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    FeedbackHoldout holdout = FeedbackHoldout.of(read.corrections());
    if (holdout.train().stream().anyMatch(c -> FeedbackMix.task(c.feedback().task()).targeted())) {
      data.labels().putIfAbsent(Task.ENTITY, Task.ENTITY.defaultLabels());
    }
    FeedbackMix.addTo(data.train(), data.labels(), holdout.train(), weight);
    TrainingReport.DataFile info =
        TrainingReport.DataFile.split(
                FeedbackMix.SOURCE,
                read.name(),
                read.sha256(),
                read.corrections().size(),
                holdout.train().size(),
                holdout.dev().size(),
                weight)
            .withCorrections(
                read.dropped() > 0 ? read.dropped() : null,
                holdout.dev().isEmpty() ? null : holdout.dev().get(0).feedback().at().toString());
    err.printf(
        "Feedback from %s: %d correction(s), %d trained (x%d), %d held out as the feedback dev"
            + " set%s%n",
        read.name(),
        read.corrections().size(),
        holdout.train().size(),
        weight,
        holdout.dev().size(),
        read.dropped() > 0 ? ", " + read.dropped() + " dropped" : "");
    return new Prepared(holdout, info);
  }

  /** The directory to train into: {@code --out}, or the registry version (created here). */
  Path outputDirectory(@Nullable Path out, boolean resume) {
    if (registry == null) {
      return out;
    }
    try {
      if (resume) {
        if (version == null) {
          throw new UsageException("--resume with --registry needs the --version to go on with");
        }
        Path dir = registry.directoryOf(version);
        if (!Files.isDirectory(dir)) {
          throw new UsageException("no version '" + version + "' in " + registry.root());
        }
        return dir;
      }
      return registry.create(version);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * The registry's record of the version: its parent is the {@code --init} model's version, else
   * its path. Null when the run does not write to a registry.
   */
  TrainingReport.@Nullable RegistryEntry registryEntry(Path outDir, @Nullable Path init) {
    if (registry == null) {
      return null;
    }
    String parent = init == null ? null : ModelRegistry.versionOf(init);
    return ModelRegistry.stamp(
        outDir.getFileName().toString(),
        parent != null ? parent : init == null ? null : init.toString(),
        Instant.now());
  }

  /**
   * Before training: the {@code --init} model's agreement with the corrections (none measured
   * without one). Null without {@code --feedback}.
   */
  TrainingReport.@Nullable Agreements agreementBefore(
      @Nullable Prepared fb, @Nullable Path init, PrintStream err) {
    if (fb == null) {
      return null;
    }
    if (init == null) {
      err.println("Feedback agreement before: not measured (no --init model)");
      return TrainingReport.Agreements.before(null, null);
    }
    Measured m = measure(init, fb, "before", err);
    return TrainingReport.Agreements.before(m.dev(), m.trained());
  }

  /** After training: the new model's agreement, added to its {@code model.json}. */
  void after(@Nullable Prepared fb, Path outDir, PrintStream err) {
    if (fb == null) {
      return;
    }
    ModelManifest m = ModelBundle.readManifest(outDir);
    TrainingReport.Agreements before = m.training().feedbackAgreement();
    Measured after = measure(outDir, fb, "after", err);
    ModelBundle.saveManifest(
        outDir,
        m.withTraining(
            m.training()
                .withFeedbackAgreement(
                    (before == null ? TrainingReport.Agreements.before(null, null) : before)
                        .withAfter(after.dev(), after.trained()))));
  }

  /** One model's agreement: on the feedback dev set and on the trained corrections. */
  private record Measured(TrainingReport.Agreement dev, TrainingReport.Agreement trained) {}

  private static Measured measure(Path model, Prepared fb, String when, PrintStream err) {
    try (Classifier c = Classifiers.load(model, ClassifierOptions.defaults())) {
      FeedbackAgreement dev = FeedbackAgreement.measure(c, fb.holdout().dev());
      FeedbackAgreement trained = FeedbackAgreement.measure(c, fb.holdout().train());
      err.printf(
          "Feedback agreement %s (%s): feedback dev set %s; trained corrections %s%n",
          when, c.modelId(), dev.describe(), trained.describe());
      return new Measured(dev.toReport(), trained.toReport());
    }
  }
}
