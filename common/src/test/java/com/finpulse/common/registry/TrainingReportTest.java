package com.finpulse.common.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The shipped model's manifest (a blend, with the reports of the two models it blends). */
  private static final Path SHIPPED = Path.of("../models/default/model.json");

  /**
   * A registry version's report as {@code model train --init --feedback --registry} writes it, with
   * every kind of data file and every optional part, in the order they are written.
   */
  private static final String TRAINED =
      """
      {"command":"./finpulse model train --base minilm --init models/default --news n.csv",
       "data":[
         {"role":"tweets","file":"sent_train.csv","sha256":"aa","rows":100,"train_rows":90,
          "dev_rows":10},
         {"role":"entity","file":"ents.csv","sha256":"bb","rows":50,"train_rows":40,
          "dev_rows":10,"repeat":2,"mixed_train_rows":12,"mixed_repeat":3},
         {"role":"register","file":"register-sentences.txt","sha256":"cc","rows":30,
          "train_rows":27,"dev_rows":3},
         {"role":"feedback","file":"feedback.csv","sha256":"dd","rows":12,"train_rows":10,
          "dev_rows":2,"repeat":4,"dropped":1,"dev_from":"2026-12-04T08:09:00Z"},
         {"role":"entity-mix","file":"ents.csv","pairs":30,"train_rows":120}],
       "hyper_parameters":{"epochs":4,"batch_size":32,"lr":5.0E-4,"head_lr":0.001,
         "warmup":0.06,"weight_decay":0.01,"dropout":0.1,"class_weights":"[SENTIMENT]",
         "dev_fraction":0.1,"news_dev_fraction":0.2,"news_repeat":2,"topic_sample":1.0,
         "seed":42,"entity_mixed_repeat":3,"entity_mix":30},
       "init":"models/default",
       "parent":"default@ee",
       "registry":{"version":"v2","parent":"v1","created":"2026-12-04T09:00:00Z"},
       "feedback_agreement":{
         "before":{"n":2,"agreeing":1,"accuracy":0.5,
           "by_task":{"sentiment":{"n":2,"agreeing":1,"accuracy":0.5}}},
         "trained_before":{"n":0,"agreeing":0},
         "after":{"n":2,"agreeing":2,"accuracy":1.0,
           "by_task":{"sentiment":{"n":2,"agreeing":2,"accuracy":1.0}}},
         "trained_after":{"n":0,"agreeing":0}},
       "epochs":[
         {"epoch":1,"train_loss":0.8726,"seconds":801,"dev_score":0.8082,"batch_plan":"0a1b2c3d",
          "dev_sentiment":{"n":968,"accuracy":0.8378,"macro_f1":0.7968,"weighted_f1":0.8414,
            "ece":0.0324},
          "dev_entity":{"n":334,"accuracy":0.8,"macro_f1":0.7,"weighted_f1":0.79,"ece":0.05},
          "dev_by_source":{
            "sentiment/news":{"n":137,"accuracy":0.81,"macro_f1":0.8,"ece":0.06},
            "sentiment/tweets":{"n":831,"accuracy":0.84,"macro_f1":0.8,"ece":0.03}}},
         {"epoch":2,"train_loss":0.347,"seconds":679,"dev_score":0.8331,"batch_plan":"4e5f6a7b",
          "dev_sentiment":{"n":968,"accuracy":0.844,"macro_f1":0.8072,"weighted_f1":0.8476,
            "ece":0.0325}}],
       "best_epoch":2,
       "seconds":1480,
       "optimizer_steps":3735,
       "skipped_steps":10}
      """;

  @Test
  void theShippedTrainingSectionReadsAndIsWrittenBackAsItWas() throws Exception {
    JsonNode training = JSON.readTree(SHIPPED.toFile()).get("training");
    TrainingReport report = JSON.treeToValue(training, TrainingReport.class);

    assertThat(JSON.readTree(JSON.writeValueAsString(report))).isEqualTo(training);
    assertThat(report.blend().weight()).isEqualTo(0.5);
    assertThat(report.fromTraining().bestDevScore()).hasValue(0.8668);
    assertThat(report.toTraining().epochs().get(0).dev())
        .containsOnlyKeys("sentiment", "topic", "entity");
    // What a resume's fingerprint hashes: the data files as compact JSON, character for character.
    for (String part : List.of("", "/from_training", "/to_training")) {
      JsonNode section = training.at(part);
      TrainingReport r = JSON.treeToValue(section, TrainingReport.class);
      assertThat(JSON.valueToTree(r.data()).toString())
          .as(part)
          .isEqualTo(section.get("data").toString());
    }
  }

  @Test
  void aTrainedReportIsWrittenInTheSameOrderWithTheSameNumbers() throws Exception {
    JsonNode tree = JSON.readTree(TRAINED);
    TrainingReport report = JSON.readValue(TRAINED, TrainingReport.class);

    assertThat(JSON.writeValueAsString(report)).isEqualTo(tree.toString());
    assertThat(report.bestDevScore()).hasValue(0.8331);
    assertThat(report.epochs().get(0).devBySource()).containsKey("sentiment/news");
    assertThat(report.feedbackAgreement().after().accuracy()).isEqualTo(1.0);
    assertThat(report.feedbackAgreement().trainedBefore().accuracy()).isNull();
  }

  @Test
  void theFactoriesBuildWhatIsRead() throws Exception {
    TrainingReport read = JSON.readValue(TRAINED, TrainingReport.class);
    TrainingReport.Agreement none = TrainingReport.Agreement.of(0, 0, Map.of());
    TrainingReport built =
        TrainingReport.trained(
                read.command(),
                List.of(
                    TrainingReport.DataFile.split(
                        "tweets", "sent_train.csv", "aa", 100, 90, 10, null),
                    TrainingReport.DataFile.split("entity", "ents.csv", "bb", 50, 40, 10, 2)
                        .withMixed(12, 3),
                    TrainingReport.DataFile.split(
                        "register", "register-sentences.txt", "cc", 30, 27, 3, null),
                    TrainingReport.DataFile.split("feedback", "feedback.csv", "dd", 12, 10, 2, 4)
                        .withCorrections(1, "2026-12-04T08:09:00Z"),
                    TrainingReport.DataFile.pairs("entity-mix", "ents.csv", 30, 120)),
                read.hyperParameters(),
                "models/default",
                "default@ee",
                new TrainingReport.RegistryEntry("v2", "v1", "2026-12-04T09:00:00Z"),
                TrainingReport.Agreements.before(agreement(2, 1), none))
            .withProgress(read.epochs(), 2, 1480, 3735, 10);
    built = built.withFeedbackAgreement(built.feedbackAgreement().withAfter(agreement(2, 2), none));

    assertThat(built).isEqualTo(read);
    assertThat(JSON.writeValueAsString(built)).isEqualTo(JSON.readTree(TRAINED).toString());
  }

  @Test
  void aBlendWithoutParentReportsAndAToolsNoteLeaveTheRestOut() throws Exception {
    TrainingReport blend =
        TrainingReport.blended(
            "./finpulse model blend",
            new TrainingReport.Blend("m", 1, "a@1", "b@2"),
            TrainingReport.HyperParameters.devSplit(0.1, 0.2, 42),
            List.of(),
            null,
            null);
    assertThat(JSON.writeValueAsString(blend))
        .isEqualTo(
            "{\"command\":\"./finpulse model blend\",\"blend\":{\"method\":\"m\",\"weight\":1.0,"
                + "\"from\":\"a@1\",\"to\":\"b@2\"},\"data\":[],\"hyper_parameters\":"
                + "{\"dev_fraction\":0.1,\"news_dev_fraction\":0.2,\"seed\":42}}");
    assertThat(JSON.writeValueAsString(TrainingReport.noted("made by a tool")))
        .isEqualTo("{\"note\":\"made by a tool\"}");
  }

  @Test
  void unknownFieldsAreIgnoredWhereverTheyAre() throws Exception {
    String withUnknown =
        """
        {"command":"c","later":{"x":1},
         "registry":{"version":"v1","created":"not a time","signed_by":"x"},
         "epochs":[{"epoch":1,"train_loss":0.5,"seconds":3,"dev_score":0.7,"lr":0.1,
           "dev_sentiment":{"n":3,"accuracy":1.0,"macro_f1":1.0,"weighted_f1":1.0,"ece":0.0,
             "brier":0.1}}],
         "best_epoch":1}
        """;
    TrainingReport report = JSON.readValue(withUnknown, TrainingReport.class);

    assertThat(report.registry().createdAt()).isNull();
    assertThat(report.bestDevScore()).hasValue(0.7);
    assertThat(JSON.writeValueAsString(report))
        .isEqualTo(
            "{\"command\":\"c\",\"registry\":{\"version\":\"v1\",\"created\":\"not a time\"},"
                + "\"epochs\":[{\"epoch\":1,\"train_loss\":0.5,\"seconds\":3,\"dev_score\":0.7,"
                + "\"dev_sentiment\":{\"n\":3,\"accuracy\":1.0,\"macro_f1\":1.0,"
                + "\"weighted_f1\":1.0,\"ece\":0.0}}],\"best_epoch\":1}");
  }

  private static TrainingReport.Agreement agreement(int n, int agreeing) {
    Map<String, TrainingReport.Agreement> byTask = new LinkedHashMap<>();
    byTask.put("sentiment", TrainingReport.Agreement.of(n, agreeing, Map.of()));
    return TrainingReport.Agreement.of(n, agreeing, byTask);
  }
}
