package com.finpulse.ingest.service;

import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.lifecycle.ServiceProvider;
import com.finpulse.ingest.config.IngestConfig;
import com.finpulse.ingest.config.Speed;
import com.finpulse.ingest.source.ProgressListener;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Lets {@code ./finpulse up} run ingest in-process. Honours the launcher options {@code source}
 * ({@code live}, {@code replay:FILE}, {@code simulate:SCENARIO}) and {@code speed}.
 */
public final class IngestServiceProvider implements ServiceProvider {

  private final Collaborators collaborators;

  public IngestServiceProvider() {
    this(new IngestComponents());
  }

  IngestServiceProvider(Collaborators collaborators) {
    this.collaborators = collaborators;
  }

  @Override
  public String name() {
    return "ingest";
  }

  /** Last: the consumers are running before the first article is sent. */
  @Override
  public int startOrder() {
    return 100;
  }

  @Override
  public java.util.List<String> check(ServiceContext context) {
    return com.finpulse.common.config.ConfigException.problemsOf(
        () ->
            IngestConfig.load(context.configLoader(), context.configFile(IngestConfig.FILE_NAME)));
  }

  @Override
  public ManagedService create(ServiceContext context) {
    IngestConfig config =
        IngestConfig.load(context.configLoader(), context.configFile(IngestConfig.FILE_NAME));
    SourceMode mode = SourceMode.parse(context.option("source"));
    Speed speed = IngestService.speedOf(context.option("speed"), mode, config);
    Path stateDir = config.stateDir() != null ? Path.of(config.stateDir()) : context.stateDir();
    return new IngestService(
        config,
        mode,
        speed,
        stateDir,
        context.meters(),
        collaborators,
        Clock.systemUTC(),
        ProgressListener.NONE,
        IngestService::kafkaPublisher);
  }
}
