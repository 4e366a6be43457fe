package dev.portcullis.iam.archfixture.loop.answer;

import dev.portcullis.iam.archfixture.loop.ask.Question;

/** Breaks the no-cycle rule on purpose, with {@link Question}: see ArchitectureRulesTest. */
public final class Reply {
  Question question;
}
