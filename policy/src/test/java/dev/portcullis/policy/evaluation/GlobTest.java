package dev.portcullis.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
  private static final RequestContext REQUEST =
      RequestContext.builder(RequestPrincipal.user("arn:aws:iam::111122223333:user/alice"))
          .action("s3:GetObject")
          .contextKey("aws:PrincipalTag/team", "blue")
          .contextKey("custom:Empty", "")
          .build();

  private static int match(String pattern, String value, boolean ignoreCase) {
    Glob glob = Glob.compile(pattern, true, true, ignoreCase);
    return glob.match(value, new EvaluationState(REQUEST, false));
  }

  @ParameterizedTest
  @CsvSource({
    "*, anything, true",
    "*, '', true",
    "abc, abc, true",
    "abc, abcd, false",
    "'', '', true",
    "'', a, false",
    "abc*, abcdef, true",
    "abc*, ab, false",
    "*def, abcdef, true",
    "a*c*e, abcde, true",
    "a*c*e, abcdf, false",
    "a?c, abc, true",
    "a?c, ac, false",
    "a**c, abbbc, true",
    "*a*a*a*, aaa, true",
    "*a*a*a*, aa, false",
    "?*, '', false",
    "*?, x, true",
    "a*b?c, axxbyc, true",
    "a*b?c, axxbc, false",
  })
  void match_whenWildcards_matchesLikeAws(String pattern, String value, boolean expected) {
    assertThat(match(pattern, value, false)).isEqualTo(Tri.of(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "'team/${aws:PrincipalTag/team}/*', team/blue/x, true",
    "'team/${aws:PrincipalTag/team}/*', team/red/x, false",
    "'team/${aws:principaltag/TEAM}', team/blue, true",
    "'a${custom:Empty}b', ab, true",
    "'${*}', *, true",
    "'${*}', x, false",
    "'x${?}', x?, true",
    "'${$}{literal}', '${literal}', true",
    "'${aws:missing, ''fallback''}', fallback, true",
    "'${unclosed', '${unclosed', true",
  })
  void match_whenVariables_resolvesThemFromTheRequest(
      String pattern, String value, boolean expected) {
    assertThat(match(pattern, value, false)).isEqualTo(Tri.of(expected));
  }

  @ParameterizedTest
  @CsvSource({"'home/${aws:missing}/*', home/x/y", "'${aws:missing}', anything"})
  void match_whenVariableUnresolved_isUnknown(String pattern, String value) {
    assertThat(match(pattern, value, false)).isEqualTo(Tri.UNKNOWN);
  }

  @ParameterizedTest
  @CsvSource({"Admin, ADMIN, true", "Ad*, aDMIN, true", "Admin, admins, false"})
  void match_whenIgnoringCase_comparesLettersCaseInsensitively(
      String pattern, String value, boolean expected) {
    assertThat(match(pattern, value, true)).isEqualTo(Tri.of(expected));
  }

  @ParameterizedTest
  @CsvSource({"a*b, a*b, true", "a*b, axxb, false", "a?b, a?b, true"})
  void match_whenWildcardsDisabled_treatsThemLiterally(
      String pattern, String value, boolean expected) {
    Glob glob = Glob.compile(pattern, false, false, false);
    assertThat(glob.match(value, new EvaluationState(REQUEST, false))).isEqualTo(Tri.of(expected));
  }
}
