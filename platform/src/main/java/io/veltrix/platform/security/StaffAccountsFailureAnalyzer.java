package io.veltrix.platform.security;

import io.veltrix.platform.security.StaffAccounts.StaffAccountsRefused;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports refused staff accounts as Spring Boot's short "APPLICATION FAILED TO START" notice: the
 * one line that says which variable to fix, instead of it buried under a stack trace of bean
 * creation.
 */
public class StaffAccountsFailureAnalyzer extends AbstractFailureAnalyzer<StaffAccountsRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StaffAccountsRefused cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the staff account variables named above (in .env for docker compose) and start again.", cause);
    }
}
