package com.finpulse.alerts.notify;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.alerts.notify.webhook.NetworkRange;
import com.finpulse.alerts.notify.webhook.RefusedTargetException;
import com.finpulse.alerts.notify.webhook.TargetGuard;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

  private final TargetGuard guard = new TargetGuard(List.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/x",
        "http://127.1.2.3/x",
        "http://localhost/x",
        "http://0.0.0.0/x",
        "http://10.1.2.3/x",
        "http://172.16.0.1/x",
        "http://172.31.255.255/x",
        "http://192.168.1.1/x",
        "http://100.64.0.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://224.0.0.1/x",
        "http://[::1]/x",
        "http://[::]/x",
        "http://[fe80::1]/x",
        "http://[fc00::1]/x",
        "http://[fd12:3456::1]/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://[::ffff:8.8.8.8]/x",
        "http://[::ffff:7f00:1]/x",
        "http://[64:ff9b::a00:1]/x",
        "http://[2002:c0a8:101::1]/x",
        "http://2130706433/x",
        "http://0x7f000001/x",
        "http://0X7F000001/x",
        "http://017700000001/x",
        "http://0177.0.0.1/x",
        "http://0x7f.0.0.1/x",
        "http://127.1/x",
        "http://127.0.0.1./x",
        "http://0/x",
        "http://0x0/x",
        "http://0xa9fea9fe/latest/meta-data",
        "http://2852039166/latest/meta-data",
        "http://025177524776/latest/meta-data",
        "http://169.254.43518/latest/meta-data",
        "http://user@127.0.0.1:8080/x",
        "ftp://example.com/x",
        "file:///etc/passwd"
      })
  void refusesLocalAndPrivateTargets(String url) {
    assertThatThrownBy(() -> guard.check(URI.create(url)))
        .isInstanceOf(RefusedTargetException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://0x7f000001/x", "http://017700000001/x", "http://2130706433/x"})
  void numericFormsAreReadAsTheAddressTheyStandForWithoutALookup(String url) {
    TargetGuard noDns =
        new TargetGuard(
            List.of(),
            host -> {
              throw new AssertionError("looked up " + host);
            });
    assertThatThrownBy(() -> noDns.check(URI.create(url)))
        .isInstanceOf(RefusedTargetException.class)
        .hasMessageContaining("is 127.0.0.1 (loopback)")
        .hasMessageContaining("delivery.allowed_private_networks");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://1.2.3.4.5/x", "http://0x1ffffffff/x", "http://256.1.1.1/x", "http://08/x"})
  void hostsEndingInANumberThatAreNoAddressAreRefused(String url) {
    assertThatThrownBy(() -> guard.check(URI.create(url)))
        .isInstanceOf(RefusedTargetException.class)
        .hasMessageContaining("not a valid IPv4 address");
  }

  @Test
  void publicAddressesPass() {
    assertThatCode(() -> guard.check(URI.create("https://93.184.215.14/hook")))
        .doesNotThrowAnyException();
    assertThatCode(() -> guard.check(URI.create("https://[2606:4700::6810:85e5]/hook")))
        .doesNotThrowAnyException();
    assertThatCode(() -> guard.check(URI.create("https://172.32.0.1/hook")))
        .doesNotThrowAnyException();
    assertThatCode(() -> guard.check(URI.create("https://0x5db8d70e/hook")))
        .doesNotThrowAnyException();
  }

  @Test
  void everyResolvedAddressIsChecked() throws Exception {
    Map<String, InetAddress[]> dns =
        Map.of(
            "hooks.example.com",
            new InetAddress[] {
              InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")
            },
            "rebind.example.com",
            new InetAddress[] {InetAddress.getByName("::ffff:169.254.169.254")});
    TargetGuard g = new TargetGuard(List.of(), dns::get);
    assertThatThrownBy(() -> g.check(URI.create("https://hooks.example.com/x")))
        .isInstanceOf(RefusedTargetException.class)
        .hasMessageContaining("10.0.0.7")
        .hasMessageContaining("private network");
    assertThatThrownBy(() -> g.check(URI.create("https://rebind.example.com/x")))
        .isInstanceOf(RefusedTargetException.class)
        .hasMessageContaining("link-local");
  }

  @Test
  void explicitlyAllowedRangesPass() {
    TargetGuard g =
        new TargetGuard(List.of(NetworkRange.parse("10.20.0.0/16"), NetworkRange.parse("::1/128")));
    assertThatCode(() -> g.check(URI.create("http://10.20.3.4/x"))).doesNotThrowAnyException();
    assertThatCode(() -> g.check(URI.create("http://[::1]/x"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> g.check(URI.create("http://10.21.3.4/x")))
        .isInstanceOf(RefusedTargetException.class);
  }
}
