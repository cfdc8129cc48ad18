package com.devicecreds.portal.security.dev;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.security.StepUpThrottle;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Development sign-in: the approval dialog asks for the approver's password again. A right
 * password counts as a fresh authentication of that user for the configured maximum age; wrong
 * ones are counted and throttled per user in the database ({@link StepUpThrottle}).
 */
@Component
@Profile(DevSecurityConfiguration.PROFILE)
class DevPasswordStepUp implements ApproverStepUp {

    private final UserDetailsService users;
    private final PasswordEncoder encoder;
    private final CurrentActor currentActor;
    private final StepUpThrottle throttle;
    private final Clock clock;
    private final Map<String, Instant> confirmed = new ConcurrentHashMap<>();

    DevPasswordStepUp(UserDetailsService users, PasswordEncoder encoder, CurrentActor currentActor, StepUpThrottle throttle,
            Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.currentActor = currentActor;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    public boolean recentlyAuthenticated(Duration maxAge) {
        Instant at = confirmed.get(currentActor.actor().username());
        return at != null && !at.plus(maxAge).isBefore(clock.instant());
    }

    @Override
    public Optional<String> signInAgainUrl(String route) {
        return Optional.empty();
    }

    /** @throws com.devicecreds.portal.security.StepUpThrottledException while the user is locked out */
    @Override
    public boolean confirmPassword(String password) {
        var actor = currentActor.actor();
        String username = actor.username();
        throttle.checkNotLocked(actor);
        try {
            if (password != null && encoder.matches(password, users.loadUserByUsername(username).getPassword())) {
                throttle.succeeded(actor);
                confirmed.put(username, clock.instant());
                return true;
            }
        } catch (UsernameNotFoundException e) {
            // not a demo account: no confirmation
        }
        throttle.failed(actor);
        return false;
    }
}
