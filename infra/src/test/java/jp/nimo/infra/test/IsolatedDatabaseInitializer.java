package jp.nimo.infra.test;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Like {@link TestDatabaseInitializer}, but on a database of the context's own. */
public class IsolatedDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabaseInitializer.apply(TestDatabase.isolated(), context);
    }
}
