package jp.nimo.reference;

/** The three tiers at which councils meet and issues are scoped (市区町村, 圏域, 都道府県). */
public enum AreaLevel {
    MUNICIPALITY,
    REGION,
    PREFECTURE
}
