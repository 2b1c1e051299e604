package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.testsupport.TestStaff;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;

/**
 * The configured accounts come first and keep their names; stored organizer accounts are plain
 * organizers, found whatever the case of the name typed.
 */
class StaffDirectoryTest {

    private static final Map<String, String> STORED = Map.of("alice", "$2a$10$alice", "org", "$2a$10$usurper");

    private final StaffDirectory directory = new StaffDirectory(StaffAccounts.fromEnvironment(new MockEnvironment()
                    .withProperty("veltrix.organizer.user", "org")
                    .withProperty("veltrix.organizer.password", TestStaff.ORGANIZER_PASSWORD)
                    .withProperty("veltrix.auditor.user", "aud")
                    .withProperty("veltrix.auditor.password", TestStaff.AUDITOR_PASSWORD)
                    .withProperty("veltrix.admin.user", "adm")
                    .withProperty("veltrix.admin.password", TestStaff.ADMIN_PASSWORD),
            NoOpPasswordEncoder.getInstance()), name -> Optional.ofNullable(STORED.get(name)));

    private static java.util.List<String> roles(UserDetails user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
    }

    @Test
    void aStoredAccountIsAnOrganizerOnlyAndItsNameIsFoundInAnyCase() {
        UserDetails alice = directory.loadUserByUsername("Alice");
        assertThat(alice.getUsername()).isEqualTo("alice");
        assertThat(alice.getPassword()).isEqualTo("$2a$10$alice");
        assertThat(roles(alice)).containsExactly("ROLE_ORGANIZER");
        assertThatThrownBy(() -> directory.loadUserByUsername("bob")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void aConfiguredNameAlwaysMeansTheConfiguredAccount() {
        UserDetails org = directory.loadUserByUsername("org");
        assertThat(org.getPassword()).isEqualTo(TestStaff.ORGANIZER_PASSWORD);
        assertThat(roles(org)).containsExactly("ROLE_OPERATOR", "ROLE_ORGANIZER");
        assertThat(directory.isConfigured("ADM")).isTrue();
        assertThat(directory.isConfigured("alice")).isFalse();
    }

    @Test
    void onlyOrganizersCanBeNamedAsCoOrganizers() {
        assertThat(directory.organizerNamed("ALICE")).contains("alice");
        assertThat(directory.organizerNamed("org")).contains("org");
        assertThat(directory.organizerNamed("aud")).isEmpty();
        assertThat(directory.organizerNamed("adm")).isEmpty();
        assertThat(directory.organizerNamed("bob")).isEmpty();
    }
}
