package com.finpulse.processor.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryVersionsTest {

  @Test
  void aVersionResolvesToItsModelDirectory(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("v2.1-news_ft"));
    Files.writeString(root.resolve("v2.1-news_ft/model.json"), "{}");
    assertThat(new RegistryVersions(root).resolve("v2.1-news_ft"))
        .isEqualTo(root.toAbsolutePath().normalize().resolve("v2.1-news_ft"));
  }

  @Test
  void namesThatAreNoVersionNeverTouchTheFileSystem(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("inner"));
    Files.writeString(root.resolve("inner/model.json"), "{}");
    RegistryVersions registry = new RegistryVersions(root.resolve("inner"));
    Files.writeString(root.resolve("model.json"), "{}"); // what '..' would reach
    for (String bad :
        new String[] {"..", "../inner", "a/b", "V2", ".hidden", "", "a\nb", "x".repeat(101)}) {
      assertThatThrownBy(() -> registry.resolve(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not a version name")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aMissingVersionOrADirectoryWithoutModelJsonIsNamed(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("empty"));
    RegistryVersions registry = new RegistryVersions(root);
    assertThatThrownBy(() -> registry.resolve("v7"))
        .hasMessage("no version 'v7' in the model registry " + registry.root());
    assertThatThrownBy(() -> registry.resolve("empty"))
        .hasMessageEndingWith("(its directory has no model.json)");
  }
}
