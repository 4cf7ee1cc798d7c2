package com.finpulse.processor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.cli.Command;
import com.finpulse.common.lifecycle.ServiceProvider;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.testing.TestConfigs;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorServiceProviderTest {

  @Test
  void theLauncherFindsTheServiceAndTheCommand() {
    assertThat(
            StreamSupport.stream(ServiceLoader.load(ServiceProvider.class).spliterator(), false)
                .map(ServiceProvider::name))
        .contains("processor");
    assertThat(
            StreamSupport.stream(ServiceLoader.load(Command.class).spliterator(), false)
                .map(Command::name))
        .contains("process");
  }

  static ProcessorConfig withModelDir(String dir) {
    ProcessorConfig c = TestConfigs.shipped();
    return c.withScoring(c.scoring().withModelDir(dir));
  }

  @Test
  void aMissingModelIsNamedWithWhatToDo() {
    assertThatThrownBy(() -> ProcessorServiceProvider.classifier(withModelDir("/no/such/model")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no trained model at /no/such/model")
        .hasMessageContaining("./finpulse model train");
  }

  @Test
  void aModelThatCannotBeLoadedSaysWhy(@TempDir Path empty) {
    String expected = "cannot load the model from " + empty;
    assertThatThrownBy(() -> ProcessorServiceProvider.classifier(withModelDir(empty.toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void relativeModelDirectoriesResolveAgainstTheHome() {
    String before = System.getProperty("finpulse.home");
    try {
      System.setProperty("finpulse.home", "/opt/finpulse");
      assertThat(ProcessorServiceProvider.modelDir("models/default"))
          .isEqualTo(Path.of("/opt/finpulse/models/default"));
      assertThat(ProcessorServiceProvider.modelDir("/srv/m")).isEqualTo(Path.of("/srv/m"));
    } finally {
      if (before == null) {
        System.clearProperty("finpulse.home");
      } else {
        System.setProperty("finpulse.home", before);
      }
    }
  }
}
