package com.finpulse.model.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.registry.TrainingReport.DataFile;
import com.finpulse.model.data.CsvTable;
import com.finpulse.model.data.DevSplit;
import com.finpulse.model.data.LabelMap;
import com.finpulse.model.data.LabeledCsv;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.data.MixedEntityPairs;
import com.finpulse.model.data.RegisterSentences;
import com.finpulse.model.task.Task;
import com.finpulse.model.weights.EncoderLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The training data options of {@code model train} (and of {@code model blend}, which calibrates on
 * the same dev split): which files, in which role, split how, and their assembly into training and
 * dev rows per task.
 */
record TrainingDataOptions(
    Path sentiment,
    Path topic,
    List<String> extras,
    Path news,
    Path entity,
    int newsRepeat,
    int entityMixedRepeat,
    int entityMix,
    double newsDevFraction,
    int register,
    double topicSample,
    double sentimentSample,
    double devFraction,
    long seed,
    String sentimentLabelMap,
    String topicLabelMap) {

  /** Rows per task, split, with what was read (for {@code model.json}'s training report). */
  record Assembled(
      Map<Task, List<String>> labels,
      Map<Task, List<LabeledText>> train,
      Map<Task, List<LabeledText>> dev,
      List<DataFile> dataInfo) {}

  /** Reads the options from the command line and checks them (a usage error says what is wrong). */
  static TrainingDataOptions parse(CliArgs a) {
    TrainingDataOptions o =
        new TrainingDataOptions(
            a.path("sentiment"),
            a.path("topic"),
            a.all("extra"),
            a.path("news"),
            a.path("entity"),
            a.intValue("news-repeat", 1),
            a.intValue("entity-mixed-repeat", 0),
            a.intValue("entity-mix", 0),
            a.doubleValue("news-dev-fraction", 0.2),
            a.intValue("register", 0),
            a.doubleValue("topic-sample", 1.0),
            a.doubleValue("sentiment-sample", 1.0),
            a.doubleValue("dev-fraction", 0.1),
            a.intValue("seed", 42),
            a.get("sentiment-label-map", "0=negative,1=positive,2=neutral"),
            a.get("topic-label-map"));
    if (!(o.topicSample > 0 && o.topicSample <= 1)) {
      throw new UsageException("--topic-sample must be in (0, 1], got " + o.topicSample);
    }
    if (!(o.sentimentSample > 0 && o.sentimentSample <= 1)) {
      throw new UsageException("--sentiment-sample must be in (0, 1], got " + o.sentimentSample);
    }
    if (o.newsRepeat < 1 || o.register < 0) {
      throw new UsageException("--news-repeat must be at least 1 and --register at least 0");
    }
    if (o.entityMixedRepeat < 0 || o.entityMix < 0) {
      throw new UsageException("--entity-mixed-repeat and --entity-mix must be at least 0");
    }
    if (o.entity == null && (o.entityMixedRepeat > 0 || o.entityMix > 0)) {
      throw new UsageException("--entity-mixed-repeat and --entity-mix need --entity CSV");
    }
    if (o.sentiment == null
        && o.topic == null
        && o.extras.isEmpty()
        && o.news == null
        && o.entity == null) {
      throw new UsageException(
          "give training data: --sentiment CSV, --topic CSV and/or --extra CSV");
    }
    return o;
  }

  /** Reads every file and splits it: the same rows, the same sides, every time. */
  Assembled assemble(PrintStream err) {
    Map<Task, List<String>> labels = new EnumMap<>(Task.class);
    for (Task t : Task.values()) {
      if (t.required() || (t == Task.ENTITY && entity != null)) {
        labels.put(t, t.defaultLabels());
      }
    }
    Map<Task, LabelMap> maps = new EnumMap<>(Task.class);
    maps.put(Task.SENTIMENT, LabelMap.parse(sentimentLabelMap, labels.get(Task.SENTIMENT)));
    maps.put(
        Task.TOPIC,
        topicLabelMap == null
            ? LabelMap.identity(labels.get(Task.TOPIC))
            : LabelMap.parse(topicLabelMap, labels.get(Task.TOPIC)));

    Map<Task, List<LabeledText>> train = new EnumMap<>(Task.class);
    Map<Task, List<LabeledText>> dev = new EnumMap<>(Task.class);
    for (Task t : labels.keySet()) {
      train.put(t, new ArrayList<>());
      dev.put(t, new ArrayList<>());
    }
    List<DataFile> dataInfo = new ArrayList<>();
    if (sentiment != null) {
      dataInfo.add(
          add(
              sample(
                  LabeledCsv.read(sentiment, Task.SENTIMENT, "text", "label", null, maps::get),
                  sentimentSample),
              sentiment,
              "tweets",
              devFraction,
              1,
              train,
              dev));
    }
    if (topic != null) {
      dataInfo.add(
          add(
              sample(
                  LabeledCsv.read(topic, Task.TOPIC, "text", "label", null, maps::get),
                  topicSample),
              topic,
              "tweets",
              devFraction,
              1,
              train,
              dev));
    }
    for (String e : extras) {
      Path p = Path.of(e);
      boolean hasTask = CsvTable.read(p).header().contains("task");
      Map<Task, LabelMap> byName = new EnumMap<>(Task.class);
      for (Task t : Task.values()) {
        byName.put(t, LabelMap.parse(null, labels.get(t)));
      }
      dataInfo.add(
          add(
              LabeledCsv.read(
                  p, Task.SENTIMENT, "text", "label", hasTask ? "task" : null, byName::get),
              p,
              "extra",
              devFraction,
              1,
              train,
              dev));
    }
    Map<Task, LabelMap> names = new EnumMap<>(Task.class);
    for (Task t : labels.keySet()) {
      names.put(t, LabelMap.parse(null, labels.get(t)));
    }
    if (news != null) {
      dataInfo.add(
          add(
              LabeledCsv.read(news, Task.SENTIMENT, "text", "label", null, names::get),
              news,
              "news",
              newsDevFraction,
              newsRepeat,
              train,
              dev));
    }
    if (entity != null) {
      DataFile entityInfo =
          add(entityRows(), entity, "entity", newsDevFraction, newsRepeat, train, dev);
      if (entityMixedRepeat > newsRepeat) {
        List<LabeledText> entityTrain = entityTrainRows();
        Set<String> mixed = MixedEntityPairs.mixedParagraphs(entityTrain);
        List<LabeledText> mixedRows =
            entityTrain.stream().filter(x -> MixedEntityPairs.inMixed(x, mixed)).toList();
        for (int r = newsRepeat; r < entityMixedRepeat; r++) {
          mixedRows.forEach(x -> train.get(Task.ENTITY).add(x.withSource("entity")));
        }
        entityInfo = entityInfo.withMixed(mixedRows.size(), entityMixedRepeat);
      }
      dataInfo.add(entityInfo);
    }
    if (register > 0) {
      List<LabeledText> generated = RegisterSentences.standard().generate(register, seed);
      DevSplit split = DevSplit.of(generated, devFraction, seed);
      split.train().forEach(x -> train.get(x.task()).add(x.withSource("register")));
      split.dev().forEach(x -> dev.get(x.task()).add(x.withSource("register")));
      dataInfo.add(
          DataFile.split(
              "register",
              RegisterSentences.RESOURCE,
              RegisterSentences.standard().sha256(),
              generated.size(),
              split.train().size(),
              split.dev().size(),
              null));
    }
    train.values().removeIf(List::isEmpty);
    dev.values().removeIf(List::isEmpty);
    for (Task t : labels.keySet()) {
      if (!train.containsKey(t)) {
        err.println("warning: no training data for task " + t.id() + "; its head stays untrained");
      }
    }
    return new Assembled(labels, train, dev, List.copyOf(dataInfo));
  }

  /**
   * Every dev row (the same split as a run on the whole file) and a share of the training rows
   * chosen by a hash of the text, so the same rows every run.
   */
  private List<LabeledText> sample(List<LabeledText> rows, double share) {
    if (share >= 1) {
      return rows;
    }
    return rows.stream()
        .filter(
            x ->
                DevSplit.isDev(x.text(), devFraction, seed)
                    || DevSplit.isDev(x.text(), share, seed + 1))
        .toList();
  }

  private List<LabeledText> entityRows() {
    return LabeledCsv.readTargeted(
        entity,
        Task.ENTITY,
        "text",
        "entity",
        "label",
        LabelMap.parse(null, Task.ENTITY.defaultLabels()));
  }

  /** The training side of {@code --entity}, each row once. */
  private List<LabeledText> entityTrainRows() {
    return DevSplit.of(entityRows(), newsDevFraction, seed).train();
  }

  /**
   * Adds {@code --entity-mix} generated contrastive rows (see {@link MixedEntityPairs}), drawn from
   * the training side of {@code --entity} only, to {@code assembled}'s entity training rows. {@code
   * fits} keeps each generated input within what the encoder reads.
   *
   * @return what was generated, for the training report; null without {@code --entity-mix}
   */
  @Nullable DataFile addEntityMix(
      Assembled assembled, Predicate<LabeledText> fits, PrintStream err) {
    if (entityMix == 0) {
      return null;
    }
    List<LabeledText> generated =
        MixedEntityPairs.synthesize(entityTrainRows(), entityMix, seed, fits);
    assembled.train().get(Task.ENTITY).addAll(generated);
    if (generated.size() < 4 * entityMix) {
      err.printf(
          "warning: --entity-mix %d: only %d pairs could be formed%n",
          entityMix, generated.size() / 4);
    }
    return DataFile.pairs(
        MixedEntityPairs.SOURCE,
        entity.getFileName().toString(),
        generated.size() / 4,
        generated.size());
  }

  /**
   * Splits one file's rows into train and dev and adds them under {@code role} as their source;
   * training rows are added {@code repeat} times (up-weighting a small domain).
   *
   * @return what was read, for the training report
   */
  private DataFile add(
      List<LabeledText> rows,
      Path file,
      String role,
      double fraction,
      int repeat,
      Map<Task, List<LabeledText>> train,
      Map<Task, List<LabeledText>> dev) {
    DevSplit split = DevSplit.of(rows, fraction, seed);
    for (int r = 0; r < repeat; r++) {
      split.train().forEach(x -> taskList(train, x).add(x.withSource(role)));
    }
    split.dev().forEach(x -> taskList(dev, x).add(x.withSource(role)));
    return DataFile.split(
        role,
        file.getFileName().toString(),
        EncoderLoader.sha256(file),
        rows.size(),
        split.train().size(),
        split.dev().size(),
        repeat > 1 ? repeat : null);
  }

  private static List<LabeledText> taskList(Map<Task, List<LabeledText>> byTask, LabeledText x) {
    List<LabeledText> list = byTask.get(x.task());
    if (list == null) {
      throw new UsageException(
          "rows of task " + x.task().id() + " given, but this run trains no " + x.task().id());
    }
    return list;
  }
}
