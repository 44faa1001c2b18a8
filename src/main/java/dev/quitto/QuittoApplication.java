package dev.quitto;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** One service, five money flows: each a module below this package, sharing {@code platform}. */
@Modulithic(sharedModules = "platform")
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuittoApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuittoApplication.class, args);
    }
}
