package com.finpulse.alerts.api.auth;

import com.finpulse.alerts.config.ApiSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's bearer token: {@code api.token} from {@code alerts.yml}, else the one in {@code
 * <state dir>/api-token}, else a new random one written there (owner-readable only). The token is
 * never logged, only where it lies.
 */
public final class ApiToken {

  public static final String FILE_NAME = "api-token";

  private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);

  private ApiToken() {}

  public static String resolve(ApiSettings settings, Path stateDir) throws IOException {
    if (settings.token() != null) {
      return settings.token();
    }
    Path file = stateDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.writeString(file, token + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not POSIX: the state directory's protection applies
    }
    LOG.info("Generated a REST API bearer token in {}", file.toAbsolutePath());
    return token;
  }
}
