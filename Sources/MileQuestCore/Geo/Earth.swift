/// Constants of the Earth model used for every distance and position in milequest.
public enum Earth {
  /// The sphere's radius in metres: the IUGG mean radius R1 = (2a + b) / 3 of the WGS84
  /// ellipsoid (6 371 008.7714 m), rounded to 0.1 m as turf and most spherical tools do.
  ///
  /// Source: Moritz, "Geodetic Reference System 1980", Bulletin Géodésique 54 (1980), and
  /// GEODESY.md §0/§1.6. Against the ellipsoid the sphere is off by −0.447 % … +0.561 % in the
  /// worst case and by 0.03–0.16 % on real walking tracks, which is fine for a leaderboard.
  public static let meanRadius: Double = 6_371_008.8
}
