package jp.nimo.reference;

/** A municipality (市区町村) and the region (圏域) it belongs to. */
public record Municipality(MunicipalityCode code, Label label, RegionCode region, String prefectureCode) {
}
