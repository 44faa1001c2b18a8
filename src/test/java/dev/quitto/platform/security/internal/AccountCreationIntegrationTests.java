package dev.quitto.platform.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The bootstrap ADMIN of production and the demo accounts: both created only when absent. */
@QuittoIntegrationTest
class AccountCreationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    BootstrapAdmin bootstrapAdmin;

    @Autowired
    UserAdministration users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsTheBootstrapAdminOnce() {
        String login = "boot-" + UUID.randomUUID().toString().substring(0, 8);

        boolean first = bootstrapAdmin.ensure(login, "bootstrap-pass-1");
        boolean second = bootstrapAdmin.ensure(login, "another-password");

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(usersNamed(login)).isEqualTo(1);
        var token = Http.on(port).post("/api/token/", "{\"username\":\"" + login + "\",\"password\":\"bootstrap-pass-1\"}");
        assertThat(token.status()).isEqualTo(200);
        assertThat(rolesOf(login)).containsExactly("ADMIN");
    }

    @Test
    void createsOneBootstrapAdminWhenTwoInstancesStartAtOnce() throws Exception {
        String login = "Boot-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
        CountDownLatch start = new CountDownLatch(1);
        Callable<Boolean> instance = () -> {
            start.await();
            return bootstrapAdmin.ensure(login, "bootstrap-pass-1");
        };
        List<Future<Boolean>> results;
        try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
            results = List.of(executor.submit(instance), executor.submit(instance));
            start.countDown();
            assertThat(List.of(results.get(0).get(), results.get(1).get())).containsExactlyInAnyOrder(true, false);
        }

        assertThat(jdbc.sql("select count(*) from platform_user where email = :email").param("email", login.toLowerCase())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void bootstrapAdminRunnerDoesNothingWithoutLoginAndPassword() {
        long before = jdbc.sql("select count(*) from platform_user").query(Long.class).single();

        new BootstrapAdmin(users, new SecuritySettings(null, java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(24),
                new SecuritySettings.LoginRateLimit(10, 50, java.time.Duration.ofMinutes(15)),
                new SecuritySettings.BootstrapAdmin("", ""))).run(new DefaultApplicationArguments());

        assertThat(jdbc.sql("select count(*) from platform_user").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void createsTheDemoAccountsIdempotently() {
        DemoAccounts demo = new DemoAccounts(users);

        demo.run(new DefaultApplicationArguments());
        demo.run(new DefaultApplicationArguments());

        for (DemoAccounts.DemoAccount account : DemoAccounts.ACCOUNTS) {
            String column = account.login().contains("@") ? "email" : "username";
            assertThat(jdbc.sql("select count(*) from platform_user where " + column + " = :login").param("login", account.login())
                    .query(Long.class).single()).as(account.login()).isEqualTo(1);
        }
        assertThat(rolesOf("user01@email.com")).containsExactly("SUPPLIER");
        assertThat(jdbc.sql("select first_name from platform_user where email = 'user02@email.com'").query(String.class).single())
                .isEqualTo("User 02");
        var token = Http.on(port).post("/api/token/", "{\"email\":\"operator01@email.com\",\"password\":\"operator01\"}");
        assertThat(token.status()).isEqualTo(200);
    }

    @Test
    void demoAccountsIncludeTheSeedsAdmin() {
        assertThat(DemoAccounts.ACCOUNTS).anySatisfy(account -> {
            assertThat(account.login()).isEqualTo("admin");
            assertThat(account.password()).isEqualTo("teste123");
            assertThat(account.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.CLINIC, Role.FINANCE, Role.OPERATOR);
        });
    }

    private long usersNamed(String username) {
        return jdbc.sql("select count(*) from platform_user where username = :username").param("username", username).query(Long.class).single();
    }

    private List<String> rolesOf(String login) {
        String column = login.contains("@") ? "u.email" : "u.username";
        return jdbc.sql("select r.role from platform_user_role r join platform_user u on u.id = r.user_id where " + column + " = :login")
                .param("login", login).query(String.class).list();
    }
}
