package com.finpulse.common.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void versionsAreNumberedAfterTheHighestAndNamedOnesTakeNoNumber() throws Exception {
    ModelRegistry r = new ModelRegistry(tmp.resolve("registry"));
    assertThat(r.nextVersion()).isEqualTo("v1");
    assertThat(r.create(null)).isEqualTo(tmp.resolve("registry/v1"));
    assertThat(r.create(null).getFileName()).hasToString("v2");
    Files.createDirectories(r.root().resolve("v10"));
    r.create("news-ft.2");
    assertThat(r.nextVersion()).isEqualTo("v11");
    assertThat(r.create(null).getFileName()).hasToString("v11");
  }

  @Test
  void anExistingVersionOrABadNameIsRefused() {
    ModelRegistry r = new ModelRegistry(tmp);
    r.create("v3");
    assertThatThrownBy(() -> r.create("v3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'v3' exists");
    for (String bad : List.of("", "V1", ".hidden", "-x", "a/b", "..", "a b", "x".repeat(65))) {
      assertThatThrownBy(() -> r.create(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid model version name");
    }
    assertThat(ModelRegistry.validateName("v2.1_rc-1")).isEqualTo("v2.1_rc-1");
    assertThatThrownBy(() -> r.resolve("v3")).hasMessageContaining("has no model.json");
    assertThatThrownBy(() -> r.resolve("v9")).hasMessageContaining("no model version 'v9'");
  }

  @Test
  void listingReadsParentCreatedDevScoreAndAgreementFromEachModelJson() throws Exception {
    ModelRegistry r = new ModelRegistry(tmp);
    Path v1 = r.create(null);
    manifest(v1, null, Instant.parse("2026-12-01T10:00:00Z"), 0.81, null, null);
    Path v2 = r.create(null);
    manifest(v2, "v1", Instant.parse("2026-12-02T10:00:00Z"), 0.83, 0.4, 0.8);
    r.create("unfinished");

    List<ModelRegistry.Version> list = r.list();
    assertThat(list)
        .extracting(ModelRegistry.Version::name)
        .containsExactly("v1", "v2", "unfinished");
    ModelRegistry.Version second = list.get(1);
    assertThat(second.parent()).isEqualTo("v1");
    assertThat(second.created()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(second.devScore()).isEqualTo(0.83);
    assertThat(second.agreementBefore()).isEqualTo(0.4);
    assertThat(second.agreementAfter()).isEqualTo(0.8);
    assertThat(list.get(0).parent()).isNull();
    assertThat(list.get(0).agreementAfter()).isNull();
    assertThat(list.get(2).complete()).isFalse();
    assertThat(r.resolve("v2")).isEqualTo(v2);
    assertThat(ModelRegistry.versionOf(v2)).isEqualTo("v2");
    assertThat(ModelRegistry.versionOf(tmp.resolve("unfinished"))).isNull();
  }

  @Test
  void aVersionWhoseModelJsonIsNotJsonIsListedWithNothingReadFromIt() throws Exception {
    ModelRegistry r = new ModelRegistry(tmp);
    Path v1 = r.create(null);
    manifest(v1, null, Instant.parse("2026-12-01T10:00:00Z"), 0.81, null, null);
    Files.writeString(r.create(null).resolve(ModelRegistry.MANIFEST), "{\"format\": ");

    List<ModelRegistry.Version> list = r.list();
    assertThat(list).extracting(ModelRegistry.Version::name).containsExactly("v1", "v2");
    ModelRegistry.Version broken = list.get(1);
    assertThat(broken.complete()).isTrue();
    assertThat(broken.created()).isNull();
    assertThat(broken.parent()).isNull();
    assertThat(r.resolve("v2")).isEqualTo(tmp.resolve("v2"));
  }

  private static void manifest(
      Path dir, String parent, Instant created, double devScore, Double before, Double after)
      throws Exception {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode training = root.putObject("training");
    training.set(
        ModelRegistry.REGISTRY_FIELD,
        JSON.valueToTree(ModelRegistry.stamp(dir.getFileName().toString(), parent, created)));
    training.put("best_epoch", 2);
    training.putArray("epochs").addObject().put("epoch", 1).put("dev_score", 0.5);
    training.withArray("epochs").addObject().put("epoch", 2).put("dev_score", devScore);
    if (before != null) {
      ObjectNode a = training.putObject(ModelRegistry.AGREEMENT_FIELD);
      a.putObject("before").put("accuracy", before);
      a.putObject("after").put("accuracy", after);
    }
    JSON.writeValue(dir.resolve(ModelRegistry.MANIFEST).toFile(), root);
  }
}
