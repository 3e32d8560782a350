package jp.nimo.projection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The read side: projections rebuilt from the event store, and the queries on them. */
@SpringBootApplication
public class ProjectionServiceApplication {

    public static void main(String[] args) {
        // a public-sector service holding health data does not report to a framework vendor at start-up
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(ProjectionServiceApplication.class, args);
    }
}
