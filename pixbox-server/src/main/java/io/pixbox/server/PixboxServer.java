package io.pixbox.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Pixbox service: one application whose features live in the packages below this one. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PixboxServer {

    public static void main(String[] args) {
        SpringApplication.run(PixboxServer.class, args);
    }
}
