package jp.nimo.infra.crypto;

import jp.nimo.infra.NimoProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** Per-case encryption of personal data for both services, under one master key. */
@AutoConfiguration
public class CryptoAutoConfiguration {

    @Bean
    public MasterKey masterKey(NimoProperties properties) {
        String configured = properties.getMasterKey();
        return configured != null && !configured.isBlank()
                ? MasterKey.fromBase64(configured)
                : MasterKey.inDataDirectory(properties.getDataDir());
    }

    @Bean
    public CaseKeys caseKeys(JdbcTemplate jdbc, MasterKey masterKey) {
        return new CaseKeys(jdbc, masterKey);
    }

    @Bean
    public PersonalData personalData(CaseKeys caseKeys) {
        return new PersonalData(caseKeys);
    }

    @Bean
    public SealedBirthMonths birthMonths(PersonalData personalData) {
        return new SealedBirthMonths(personalData);
    }
}
