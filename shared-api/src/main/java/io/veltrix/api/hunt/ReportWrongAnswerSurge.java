package io.veltrix.api.hunt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records on the hunt that one of its clues draws wrong answers at an abnormal rate (per minute, from everyone). */
public record ReportWrongAnswerSurge(@TargetAggregateIdentifier HuntId huntId, ClueId clueId, int wrongPerMinute) {
}
