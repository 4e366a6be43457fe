package dev.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal prompt of the root user's first e-mail address and password. */
class RootPromptTest {
  /** A terminal whose person types {@code answers} in order; what it is told is kept. */
  private static final class ScriptedTerminal implements RootOptions.Terminal {
    final Deque<String> answers;
    final List<String> prompts = new ArrayList<>();
    final List<String> told = new ArrayList<>();
    int passwordReads;

    ScriptedTerminal(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public String readLine(String prompt) {
      prompts.add(prompt);
      return answers.poll();
    }

    @Override
    public char[] readPassword(String prompt) {
      prompts.add(prompt);
      passwordReads++;
      String a = answers.poll();
      return a == null ? null : a.toCharArray();
    }

    @Override
    public void println(String line) {
      told.add(line);
    }
  }

  private static List<String> reasons(String p) {
    return p.length() < 10 ? List.of("Password should have a minimum length of 10") : List.of();
  }

  @Test
  void password_askedTwice_isAcceptedWhenBothMatchAndTheRulesHold() {
    ScriptedTerminal t = new ScriptedTerminal("Qv7#Rk2mzt-9", "Qv7#Rk2mzt-9");

    String p = new RootOptions.ConsolePrompt(t).password("ops@example.com",
        RootPromptTest::reasons);

    assertThat(p).isEqualTo("Qv7#Rk2mzt-9");
    assertThat(t.passwordReads).isEqualTo(2);
    assertThat(t.told).isEmpty();
  }

  @Test
  void password_whenTheTwoDifferOrARuleBreaks_saysWhyAndAsksAgain() {
    ScriptedTerminal t = new ScriptedTerminal("Qv7#Rk2mzt-9", "Qv7#Rk2mzt-8", "short",
        "short", "Qv7#Rk2mzt-9", "Qv7#Rk2mzt-9");

    String p = new RootOptions.ConsolePrompt(t).password("ops@example.com",
        RootPromptTest::reasons);

    assertThat(p).isEqualTo("Qv7#Rk2mzt-9");
    assertThat(t.told).containsExactly("The two passwords differ.",
        "  Password should have a minimum length of 10");
    assertThat(String.join("\n", t.told) + String.join("\n", t.prompts))
        .doesNotContain("short").doesNotContain("Qv7#");
  }

  @Test
  void password_whenLeftEmpty_isNullSoOneIsGenerated() {
    assertThat(new RootOptions.ConsolePrompt(new ScriptedTerminal("")).password("x@y.z",
        RootPromptTest::reasons)).isNull();
  }

  @Test
  void password_afterFiveFailures_givesUp() {
    ScriptedTerminal t = new ScriptedTerminal("a", "b", "a", "b", "a", "b", "a", "b", "a", "b");

    assertThatThrownBy(() -> new RootOptions.ConsolePrompt(t).password("x@y.z",
        RootPromptTest::reasons)).hasMessage("no acceptable root password given");
  }

  @Test
  void email_ofTheWrongShape_isAskedAgain_andEmptyTakesThePlaceholder() {
    ScriptedTerminal t = new ScriptedTerminal("not an address", " ops@example.com ");

    assertThat(new RootOptions.ConsolePrompt(t).email("root@1.invalid"))
        .isEqualTo("ops@example.com");
    assertThat(t.told).singleElement().asString().startsWith("not an e-mail address");
    assertThat(new RootOptions.ConsolePrompt(new ScriptedTerminal("")).email("root@1.invalid"))
        .isNull();
  }
}
