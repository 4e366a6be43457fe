package dev.portcullis.iam.archfixture.loop.ask;

import dev.portcullis.iam.archfixture.loop.answer.Reply;

/** Breaks the no-cycle rule on purpose, with {@link Reply}: see ArchitectureRulesTest. */
public final class Question {
  Reply reply;
}
