package com.finpulse.alerts;

import com.finpulse.alerts.config.AlertsConfig;
import com.finpulse.alerts.subscription.SubscriptionsFile;
import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.lifecycle.ServiceContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The alerts service's two configuration files, found and validated together before anything
 * starts: {@code alerts.yml} (shipped defaults plus the user's file) and {@code subscriptions.yml}.
 * The one lookup of the subscriptions file, in this order: the explicit path ({@code
 * --subscriptions}); {@code subscriptions.file} in alerts.yml; {@code subscriptions.yml} next to
 * the user's alerts.yml; the configuration directory. An explicit or configured path that does not
 * exist is an error; none found means no subscribers from a file.
 *
 * @param alertsYml the user's alerts.yml; null: shipped defaults only
 * @param subscriptionsYml null when there is none
 */
public record AlertsConfigFiles(
    AlertsConfig config, @Nullable Path alertsYml, @Nullable Path subscriptionsYml) {

  /**
   * @throws ConfigException listing every problem of both files
   */
  public static AlertsConfigFiles load(
      ServiceContext context, @Nullable Path explicitConfig, @Nullable Path explicitSubscriptions) {
    ConfigLoader loader = context.configLoader();
    Path alertsYml =
        explicitConfig != null ? explicitConfig : context.configFile(AlertsConfig.FILE_NAME);
    List<String> problems = new ArrayList<>();
    AlertsConfig config = null;
    try {
      config = AlertsConfig.load(loader, alertsYml);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    Path subs = null;
    if (explicitSubscriptions != null) {
      subs = mustExist(explicitSubscriptions, "--subscriptions", problems);
    } else if (config != null && config.subscriptions().file() != null) {
      subs =
          mustExist(
              Path.of(config.subscriptions().file()),
              (alertsYml == null ? AlertsConfig.FILE_NAME : alertsYml) + ": subscriptions.file",
              problems);
    } else if (alertsYml != null
        && Files.exists(alertsYml.resolveSibling(SubscriptionsFile.FILE_NAME))) {
      subs = alertsYml.resolveSibling(SubscriptionsFile.FILE_NAME);
    } else {
      subs = context.configFile(SubscriptionsFile.FILE_NAME);
    }
    if (subs != null) {
      Path file = subs;
      problems.addAll(
          ConfigException.problemsOf(() -> loader.loadFile(SubscriptionsFile.class, file)));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new AlertsConfigFiles(config, alertsYml, subs);
  }

  private static @Nullable Path mustExist(Path file, String where, List<String> problems) {
    if (Files.isRegularFile(file)) {
      return file;
    }
    problems.add(where + ": " + file + ": file not found");
    return null;
  }
}
