package com.devicecreds.portal.security.dev;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.devicecreds.access.Roles;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Serves the demo accounts; each login gets a fresh copy, since Spring Security erases credentials. */
class DevUserDetailsService implements UserDetailsService {

    private final Map<String, DemoAccounts.DemoAccount> accounts;
    private final String encodedPassword;

    DevUserDetailsService(List<DemoAccounts.DemoAccount> accounts, PasswordEncoder encoder) {
        this.accounts = accounts.stream().collect(Collectors.toUnmodifiableMap(DemoAccounts.DemoAccount::username,
                Function.identity()));
        this.encodedPassword = encoder.encode(DemoAccounts.PASSWORD);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var account = accounts.get(username);
        if (account == null) {
            throw new UsernameNotFoundException("No demo account " + username);
        }
        return new DevUser(account.username(), encodedPassword, account.displayName(), account.operatorCode(),
                List.of(new SimpleGrantedAuthority(Roles.ROLE_PREFIX + account.role())));
    }
}
