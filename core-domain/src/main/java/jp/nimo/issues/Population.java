package jp.nimo.issues;

/** Whom an issue concerns; the seeds show issues widening from one disability to all. */
public enum Population {
    /** 精神障害のある人 */
    MENTAL_DISABILITY,
    /** 障害のある人全般 */
    ALL_DISABILITIES,
    /** 高齢の親と同居する世帯（8050） */
    ELDERLY_HOUSEHOLDS,
    /** 住民全般 */
    ALL_RESIDENTS
}
