package com.finpulse.alerts.subscription;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/** Where a subscription's notifications go. */
public record Channels(List<String> email, List<WebhookSpec> webhooks) implements Validated {

  public Channels {
    email = email == null ? List.of() : email.stream().map(String::trim).toList();
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return email.isEmpty() && webhooks.isEmpty();
  }

  @Override
  public void validate(Validation v) {
    for (int i = 0; i < email.size(); i++) {
      String address = email.get(i);
      try {
        InternetAddress parsed = new InternetAddress(address, true);
        v.check(
            parsed.getAddress().contains("@") && parsed.getPersonal() == null,
            "email[" + i + "]",
            "expected a bare address like desk@example.com, got '" + address + "'");
      } catch (AddressException e) {
        v.check(false, "email[" + i + "]", "not a valid e-mail address: '" + address + "'");
      }
    }
    v.check(email.stream().distinct().count() == email.size(), "email", "lists an address twice");
    v.each("webhooks", webhooks);
  }
}
