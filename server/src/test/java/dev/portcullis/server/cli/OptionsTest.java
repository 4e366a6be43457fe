package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void parse_acceptsSpaceAndEqualsForms() throws Exception {
    Options o = Options.parse(List.of("--port", "9401", "--data-dir=/tmp/x"),
        ServeCommand.OPTIONS);

    assertThat(o.integer("port", 1)).isEqualTo(9401);
    assertThat(o.get("data-dir", null)).isEqualTo("/tmp/x");
    assertThat(o.get("host", "127.0.0.1")).isEqualTo("127.0.0.1");
  }

  @Test
  void parse_whenOptionUnknownOrValueMissing_explainsTheMistake() {
    assertThatThrownBy(() -> Options.parse(List.of("--prot", "1"), ServeCommand.OPTIONS))
        .hasMessage("unknown option: --prot");
    assertThatThrownBy(() -> Options.parse(List.of("--port"), ServeCommand.OPTIONS))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Options.parse(List.of("--port", "x"), ServeCommand.OPTIONS)
        .integer("port", 1)).hasMessage("--port takes a number, not 'x'");
  }

  @Test
  void parse_whenOptionRepeatsOrIsAFlag_keepsEveryValue() throws Exception {
    Options o = Options.parse(List.of("--action", "s3:GetObject", "--json", "--action=s3:Put"),
        PolicySimulateCommand.OPTIONS);

    assertThat(o.all("action")).containsExactly("s3:GetObject", "s3:Put");
    assertThat(o.get("action", null)).isEqualTo("s3:Put");
    assertThat(o.flag("json")).isTrue();
    assertThat(o.all("resource")).isEmpty();
    assertThatThrownBy(() -> Options.parse(List.of("--json=yes"), PolicySimulateCommand.OPTIONS))
        .hasMessage("option --json takes no value");
  }

  @Test
  void main_withUnknownCommand_exitsWithUsageError() {
    assertThat(Main.run(List.of("frobnicate"))).isEqualTo(2);
    assertThat(Main.run(List.of("--version"))).isZero();
  }

  @Test
  void parse_whenOptionRepeated_keepsEveryValueInOrder() throws Exception {
    Options o = Options.parse(List.of("--container-credentials-role", "a",
        "--container-credentials-role=b", "--port", "1", "--port", "2"), ServeCommand.OPTIONS);
    assertThat(o.all("container-credentials-role")).containsExactly("a", "b");
    assertThat(o.all("host")).isEmpty();
    assertThat(o.integer("port", 0)).isEqualTo(2);
  }

  @Test
  void serveConfig_whenMaxStalenessGiven_boundsHowLongOtherNodesChangesMayGoUnseen()
      throws Exception {
    assertThat(ServeCommand.config(Options.parse(List.of(), ServeCommand.OPTIONS))
        .propagation().maxStaleness()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ServeCommand.config(Options.parse(List.of("--max-staleness-ms", "250"),
        ServeCommand.OPTIONS)).propagation().maxStaleness()).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> ServeCommand.config(Options.parse(
        List.of("--max-staleness-ms", "0"), ServeCommand.OPTIONS)))
        .hasMessage("--max-staleness-ms must be at least 1");
  }
}
