/// The famous walks shipped with milequest, for `route catalog` and `route add-builtin`.
///
/// Points are real towns, huts, passes and landmarks in walking order (decimal degrees, about
/// 100 m precision); unlabelled points only bend the great-circle line towards the trail. The
/// trail lengths are the figures the trails' own bodies or guides usually publish; the
/// great-circle length is always shorter because it cuts every bend between two points.
/// docs/catalog.md lists both, and Tests/MileQuestKitTests/Reference/catalog_lengths.py
/// recomputes the great-circle lengths from this file.
public enum BuiltinCatalog {
  /// Every built-in route, in catalogue order.
  public static let all: [BuiltinRoute] = [
    lejog, caminoFrances, caminoPortugues, hadriansWall, westHighlandWay, tourDuMontBlanc,
    route66, appalachianTrail, pacificCrestTrail, kumanoKodo, pacificIslandHops,
  ]

  /// The built-in route with this key, ignoring case; nil if there is none.
  public static func route(key: String) -> BuiltinRoute? {
    let wanted = key.lowercased()
    return all.first { $0.key == wanted }
  }

  /// A point; short because the tables below hold hundreds of them.
  private static func p(_ latitude: Double, _ longitude: Double, _ label: String? = nil)
    -> RoutePoint
  {
    RoutePoint(coordinate: Coordinate(latitude: latitude, longitude: longitude), label: label)
  }

  static let lejog = BuiltinRoute(
    key: "lejog",
    name: "Land's End to John o' Groats",
    summary: "The length of Great Britain by the classic road route; 874 mi (1,407 km) is the "
      + "road figure usually quoted, walkers' routes run 1,600-1,900 km.",
    trailLengthMetres: 1_407_000,
    points: [
      p(50.0657, -5.7132, "Land's End"),
      p(50.1188, -5.5376, "Penzance"),
      p(50.2330, -5.2260, "Redruth"),
      p(50.4715, -4.7243, "Bodmin"),
      p(50.6370, -4.3600, "Launceston"),
      p(50.7390, -4.0040, "Okehampton"),
      p(50.7256, -3.5269, "Exeter"),
      p(51.0150, -3.1030, "Taunton"),
      p(51.4545, -2.5879, "Bristol"),
      p(51.8642, -2.2382, "Gloucester"),
      p(52.1920, -2.2200, "Worcester"),
      p(52.4862, -1.8904, "Birmingham"),
      p(53.0027, -2.1794, "Stoke-on-Trent"),
      p(53.3900, -2.5970, "Warrington"),
      p(53.7632, -2.7031, "Preston"),
      p(54.0466, -2.8007, "Lancaster"),
      p(54.3280, -2.7460, "Kendal"),
      p(54.6640, -2.7520, "Penrith"),
      p(54.8925, -2.9329, "Carlisle"),
      p(55.3330, -3.4420, "Moffat"),
      p(55.8642, -4.2518, "Glasgow"),
      p(56.1165, -3.9369, "Stirling"),
      p(56.3950, -3.4308, "Perth"),
      p(56.7040, -3.7290, "Pitlochry"),
      p(56.9600, -4.2400),
      p(57.1950, -3.8260, "Aviemore"),
      p(57.4778, -4.2247, "Inverness"),
      p(57.8110, -4.0550, "Tain"),
      p(57.8800, -4.0290, "Dornoch"),
      p(58.1170, -3.6530, "Helmsdale"),
      p(58.4390, -3.0930, "Wick"),
      p(58.6373, -3.0689, "John o' Groats"),
    ])

  static let caminoFrances = BuiltinRoute(
    key: "camino-frances",
    name: "Camino Francés",
    summary: "The Way of St James across northern Spain, Saint-Jean-Pied-de-Port to Santiago "
      + "de Compostela; about 780 km on the ground.",
    trailLengthMetres: 780_000,
    points: [
      p(43.1631, -1.2375, "Saint-Jean-Pied-de-Port"),
      p(43.0092, -1.3194, "Roncesvalles"),
      p(42.9306, -1.5039, "Zubiri"),
      p(42.8125, -1.6458, "Pamplona"),
      p(42.6721, -1.8145, "Puente la Reina"),
      p(42.6710, -2.0310, "Estella"),
      p(42.5690, -2.1920, "Los Arcos"),
      p(42.4627, -2.4450, "Logroño"),
      p(42.4160, -2.7320, "Nájera"),
      p(42.4400, -2.9530, "Santo Domingo de la Calzada"),
      p(42.4200, -3.1900, "Belorado"),
      p(42.3760, -3.4370, "San Juan de Ortega"),
      p(42.3440, -3.6969, "Burgos"),
      p(42.2880, -4.1380, "Castrojeriz"),
      p(42.2670, -4.4060, "Frómista"),
      p(42.3380, -4.6030, "Carrión de los Condes"),
      p(42.3710, -5.0300, "Sahagún"),
      p(42.4980, -5.4170, "Mansilla de las Mulas"),
      p(42.5987, -5.5671, "León"),
      p(42.4640, -5.8830, "Hospital de Órbigo"),
      p(42.4540, -6.0560, "Astorga"),
      p(42.4810, -6.2840, "Rabanal del Camino"),
      p(42.4880, -6.3610, "Cruz de Ferro"),
      p(42.5380, -6.5200, "Molinaseca"),
      p(42.5460, -6.5900, "Ponferrada"),
      p(42.6060, -6.8110, "Villafranca del Bierzo"),
      p(42.7080, -7.0430, "O Cebreiro"),
      p(42.7560, -7.2400, "Triacastela"),
      p(42.7810, -7.4140, "Sarria"),
      p(42.8070, -7.6160, "Portomarín"),
      p(42.8730, -7.8690, "Palas de Rei"),
      p(42.9140, -8.0150, "Melide"),
      p(42.9270, -8.1630, "Arzúa"),
      p(42.9050, -8.3640, "O Pedrouzo"),
      p(42.8806, -8.5446, "Santiago de Compostela"),
    ])

  static let caminoPortugues = BuiltinRoute(
    key: "camino-portugues",
    name: "Camino Portugués",
    summary: "The central Portuguese Way from Porto Cathedral to Santiago de Compostela; "
      + "about 240 km on the ground.",
    trailLengthMetres: 240_000,
    points: [
      p(41.1429, -8.6110, "Porto"),
      p(41.2650, -8.6200),
      p(41.4150, -8.6560, "São Pedro de Rates"),
      p(41.5317, -8.6190, "Barcelos"),
      p(41.7670, -8.5840, "Ponte de Lima"),
      p(41.9250, -8.5800, "Rubiães"),
      p(42.0270, -8.6440, "Valença"),
      p(42.0460, -8.6450, "Tui"),
      p(42.1610, -8.6200, "O Porriño"),
      p(42.2830, -8.6090, "Redondela"),
      p(42.4310, -8.6440, "Pontevedra"),
      p(42.6040, -8.6420, "Caldas de Reis"),
      p(42.7390, -8.6600, "Padrón"),
      p(42.8806, -8.5446, "Santiago de Compostela"),
    ])

  static let hadriansWall = BuiltinRoute(
    key: "hadrians-wall",
    name: "Hadrian's Wall Path",
    summary: "Coast to coast along the Roman wall, Wallsend to Bowness-on-Solway; the "
      + "National Trail is 84 mi (135 km).",
    trailLengthMetres: 135_000,
    points: [
      p(54.9880, -1.5320, "Wallsend (Segedunum)"),
      p(54.9680, -1.6080, "Newcastle upon Tyne"),
      p(54.9970, -1.7930, "Heddon-on-the-Wall"),
      p(55.0290, -2.1240, "Chollerford"),
      p(55.0130, -2.3310, "Housesteads Roman Fort"),
      p(55.0036, -2.3778, "Sycamore Gap"),
      p(54.9870, -2.5200, "Walltown"),
      p(54.9900, -2.6020, "Birdoswald Roman Fort"),
      p(54.9680, -2.7720),
      p(54.8970, -2.9410, "Carlisle"),
      p(54.9210, -3.0510, "Burgh by Sands"),
      p(54.9470, -3.1870, "Port Carlisle"),
      p(54.9530, -3.2140, "Bowness-on-Solway"),
    ])

  static let westHighlandWay = BuiltinRoute(
    key: "west-highland-way",
    name: "West Highland Way",
    summary: "Scotland's first long-distance route, Milngavie past Loch Lomond and Rannoch "
      + "Moor to Fort William; 96 mi (154 km).",
    trailLengthMetres: 154_000,
    points: [
      p(55.9420, -4.3140, "Milngavie"),
      p(56.0660, -4.4520, "Drymen"),
      p(56.0840, -4.5410, "Balmaha"),
      p(56.1530, -4.6440, "Rowardennan"),
      p(56.2430, -4.6850, "Inversnaid"),
      p(56.3280, -4.7240, "Inverarnan"),
      p(56.3900, -4.6170, "Crianlarich"),
      p(56.4350, -4.7120, "Tyndrum"),
      p(56.5160, -4.7660, "Bridge of Orchy"),
      p(56.5700, -4.8100),
      p(56.6480, -4.8400, "Kings House"),
      p(56.6740, -4.9420, "Devil's Staircase"),
      p(56.7140, -4.9660, "Kinlochleven"),
      p(56.7510, -5.0500),
      p(56.8198, -5.1052, "Fort William"),
    ])

  static let tourDuMontBlanc = BuiltinRoute(
    key: "tour-du-mont-blanc",
    name: "Tour du Mont Blanc",
    summary: "Round Mont Blanc through France, Italy and Switzerland, anticlockwise from Les "
      + "Houches; about 170 km with 10 km of ascent.",
    trailLengthMetres: 170_000,
    points: [
      p(45.8906, 6.7990, "Les Houches"),
      p(45.8790, 6.7590, "Col de Voza"),
      p(45.8219, 6.7271, "Les Contamines-Montjoie"),
      p(45.7980, 6.7100, "Notre-Dame de la Gorge"),
      p(45.7530, 6.7130, "Col du Bonhomme"),
      p(45.6978, 6.7360, "Les Chapieux"),
      p(45.7520, 6.8090, "Col de la Seigne"),
      p(45.7603, 6.8267, "Rifugio Elisabetta"),
      p(45.7700, 6.8450),
      p(45.7918, 6.9722, "Courmayeur"),
      p(45.8377, 7.0332, "Rifugio Bonatti"),
      p(45.8890, 7.0735, "Grand Col Ferret"),
      p(45.9340, 7.0960, "La Fouly"),
      p(45.9870, 7.0960),
      p(46.0290, 7.1170, "Champex-Lac"),
      p(46.0500, 7.0700),
      p(46.0589, 7.0183, "Col de la Forclaz"),
      p(46.0550, 6.9980, "Trient"),
      p(46.0419, 6.9646, "Col de Balme"),
      p(45.9920, 6.9400, "Tré-le-Champ"),
      p(45.9610, 6.8880, "La Flégère"),
      p(45.9345, 6.8370, "Le Brévent"),
      p(45.9170, 6.8320),
      p(45.8906, 6.7990, "Les Houches (finish)"),
    ])

  static let route66 = BuiltinRoute(
    key: "route-66",
    name: "Route 66",
    summary: "The Mother Road from Chicago to the Santa Monica Pier; 2,448 mi (3,940 km) on "
      + "its historic alignment.",
    trailLengthMetres: 3_940_000,
    points: [
      p(41.8794, -87.6240, "Chicago"),
      p(41.5250, -88.0817, "Joliet"),
      p(40.8809, -88.6298, "Pontiac"),
      p(40.4842, -88.9937, "Bloomington"),
      p(39.7817, -89.6501, "Springfield, Illinois"),
      p(38.6270, -90.1994, "St. Louis"),
      p(38.0628, -91.4035, "Cuba"),
      p(37.9514, -91.7713, "Rolla"),
      p(37.2090, -93.2923, "Springfield, Missouri"),
      p(37.0842, -94.5133, "Joplin"),
      p(36.1540, -95.9928, "Tulsa"),
      p(35.4676, -97.5164, "Oklahoma City"),
      p(35.5159, -98.9673, "Clinton"),
      p(35.2142, -100.2490, "Shamrock"),
      p(35.2220, -101.8313, "Amarillo"),
      p(35.1717, -103.7250, "Tucumcari"),
      p(34.9387, -104.6825, "Santa Rosa"),
      p(35.0844, -106.6504, "Albuquerque"),
      p(35.1473, -107.8514, "Grants"),
      p(35.5281, -108.7426, "Gallup"),
      p(34.9022, -110.1582, "Holbrook"),
      p(35.0242, -110.6974, "Winslow"),
      p(35.1983, -111.6513, "Flagstaff"),
      p(35.2495, -112.1910, "Williams"),
      p(35.3256, -112.8741, "Seligman"),
      p(35.1894, -114.0530, "Kingman"),
      p(35.0264, -114.3833, "Oatman"),
      p(34.8481, -114.6141, "Needles"),
      p(34.5580, -115.7440, "Amboy"),
      p(34.7210, -116.1600, "Ludlow"),
      p(34.8958, -117.0173, "Barstow"),
      p(34.1083, -117.2898, "San Bernardino"),
      p(34.1478, -118.1445, "Pasadena"),
      p(34.0100, -118.4962, "Santa Monica Pier"),
    ])

  static let appalachianTrail = BuiltinRoute(
    key: "appalachian-trail",
    name: "Appalachian Trail",
    summary: "Springer Mountain, Georgia, to Katahdin, Maine, through 14 states; about "
      + "2,197 mi (3,536 km), remeasured every year.",
    trailLengthMetres: 3_536_000,
    points: [
      p(34.6266, -84.1939, "Springer Mountain"),
      p(34.7347, -83.9181, "Neels Gap"),
      p(35.1190, -83.5480, "Winding Stair Gap"),
      p(35.3320, -83.5920, "Nantahala Outdoor Center"),
      p(35.4512, -83.8110, "Fontana Dam"),
      p(35.5628, -83.4985, "Clingmans Dome"),
      p(35.6110, -83.4250, "Newfound Gap"),
      p(35.7760, -83.1140, "Davenport Gap"),
      p(35.7960, -82.9620, "Max Patch"),
      p(35.8929, -82.8282, "Hot Springs"),
      p(36.0000, -82.6000),
      p(36.1454, -82.4168, "Erwin"),
      p(36.1064, -82.1105, "Carvers Gap"),
      p(36.3300, -82.0500),
      p(36.6335, -81.7837, "Damascus"),
      p(36.6597, -81.5450, "Mount Rogers"),
      p(36.8670, -81.4240, "Atkins"),
      p(37.1000, -81.1160, "Bland"),
      p(37.3265, -80.7370, "Pearisburg"),
      p(37.3802, -80.0894, "McAfee Knob"),
      p(37.4124, -79.9137, "Daleville"),
      p(37.6300, -79.4500),
      p(37.8190, -79.0840, "The Priest"),
      p(38.0317, -78.8594, "Rockfish Gap"),
      p(38.5930, -78.3800, "Skyland"),
      p(38.9182, -78.1944, "Front Royal"),
      p(39.3254, -77.7389, "Harpers Ferry"),
      p(39.7160, -77.5080, "Pen Mar"),
      p(40.0327, -77.3051, "Pine Grove Furnace"),
      p(40.1500, -77.1280, "Boiling Springs"),
      p(40.3981, -77.0322, "Duncannon"),
      p(40.5800, -76.0260, "Port Clinton"),
      p(40.7840, -75.6070, "Lehigh Gap"),
      p(40.9787, -75.1396, "Delaware Water Gap"),
      p(41.3210, -74.6620, "High Point"),
      p(41.3123, -73.9886, "Bear Mountain"),
      p(41.7248, -73.4770, "Kent"),
      p(41.9830, -73.4220, "Salisbury"),
      p(42.2000, -73.3500),
      p(42.4732, -73.1665, "Dalton"),
      p(42.6376, -73.1660, "Mount Greylock"),
      p(42.8770, -73.1150),
      p(43.1500, -72.9500),
      p(43.6040, -72.8200, "Killington"),
      p(43.7022, -72.2896, "Hanover"),
      p(44.0245, -71.8312, "Mount Moosilauke"),
      p(44.2706, -71.3033, "Mount Washington"),
      p(44.3879, -71.1731, "Gorham"),
      p(44.5300, -70.9700),
      p(44.9659, -70.6428, "Rangeley"),
      p(45.1420, -70.4420, "Stratton"),
      p(45.2306, -69.9945, "Caratunk"),
      p(45.2867, -69.5011, "Monson"),
      p(45.5560, -69.2470),
      p(45.8355, -68.9653, "Abol Bridge"),
      p(45.9044, -68.9213, "Katahdin"),
    ])

  static let pacificCrestTrail = BuiltinRoute(
    key: "pacific-crest-trail",
    name: "Pacific Crest Trail",
    summary: "Mexico to Canada along the Sierra Nevada and the Cascades, Campo to Monument 78; "
      + "2,650 mi (4,265 km).",
    trailLengthMetres: 4_265_000,
    points: [
      p(32.5899, -116.4670, "Southern Terminus (Campo)"),
      p(32.6900, -116.5200),
      p(32.8683, -116.4178, "Mount Laguna"),
      p(33.2820, -116.6340, "Warner Springs"),
      p(33.5000, -116.5500),
      p(33.7400, -116.7189, "Idyllwild"),
      p(33.9200, -116.7000, "San Gorgonio Pass"),
      p(34.1000, -116.7500),
      p(34.2611, -116.8450, "Big Bear"),
      p(34.3390, -117.1730, "Deep Creek Hot Springs"),
      p(34.3047, -117.4619, "Cajon Pass"),
      p(34.3608, -117.6334, "Wrightwood"),
      p(34.3580, -117.7640, "Mount Baden-Powell"),
      p(34.3700, -118.0000),
      p(34.4964, -118.3256, "Agua Dulce"),
      p(34.7600, -118.4800),
      p(35.1000, -118.2900, "Tehachapi Pass"),
      p(35.6630, -118.0270, "Walker Pass"),
      p(35.9800, -118.1100, "Kennedy Meadows"),
      p(36.4530, -118.2140, "Cottonwood Pass"),
      p(36.6946, -118.3717, "Forester Pass"),
      p(37.1119, -118.6709, "Muir Pass"),
      p(37.3700, -118.9850, "Vermilion Valley Resort"),
      p(37.6160, -119.0740, "Red's Meadow"),
      p(37.8735, -119.3575, "Tuolumne Meadows"),
      p(38.3282, -119.6364, "Sonora Pass"),
      p(38.8128, -120.0342, "Echo Summit"),
      p(39.3155, -120.3266, "Donner Pass"),
      p(39.5666, -120.6355, "Sierra City"),
      p(40.0060, -121.2490, "Belden"),
      p(40.3000, -121.3000),
      p(40.4400, -121.4000),
      p(40.6700, -121.4270, "Old Station"),
      p(41.0120, -121.6510, "Burney Falls"),
      p(41.1500, -122.3080, "Castle Crags"),
      p(41.4000, -122.9500),
      p(41.8407, -123.1978, "Seiad Valley"),
      p(42.1946, -122.7095, "Ashland"),
      p(42.8660, -122.1680, "Crater Lake (Mazama Village)"),
      p(43.5930, -122.0380, "Willamette Pass"),
      p(44.2600, -121.8060, "McKenzie Pass"),
      p(44.4250, -121.8560, "Santiam Pass"),
      p(44.8110, -121.7880, "Olallie Lake"),
      p(45.3311, -121.7110, "Timberline Lodge"),
      p(45.6698, -121.8906, "Cascade Locks"),
      p(46.0000, -121.5500),
      p(46.2200, -121.5000),
      p(46.6380, -121.3920, "White Pass"),
      p(46.8720, -121.5160, "Chinook Pass"),
      p(47.4249, -121.4132, "Snoqualmie Pass"),
      p(47.7463, -121.0857, "Stevens Pass"),
      p(48.0800, -121.0500),
      p(48.3094, -120.6553, "Stehekin"),
      p(48.5150, -120.7350, "Rainy Pass"),
      p(48.7200, -120.6700, "Harts Pass"),
      p(49.0003, -120.7997, "Northern Terminus (Monument 78)"),
    ])

  static let kumanoKodo = BuiltinRoute(
    key: "kumano-kodo",
    name: "Kumano Kodo Iseji",
    summary: "The pilgrims' way down the Kii Peninsula from Ise Jingu to Kumano Hayatama "
      + "Taisha; about 170 km.",
    trailLengthMetres: 170_000,
    points: [
      p(34.4550, 136.7256, "Ise Jingu (Naiku)"),
      p(34.4890, 136.6300, "Tamaru"),
      p(34.4000, 136.5700),
      p(34.3550, 136.5800, "Takihara-no-miya"),
      p(34.2700, 136.4000),
      p(34.2070, 136.3350, "Kii-Nagashima"),
      p(34.1000, 136.2300),
      p(34.0710, 136.1960, "Owase"),
      p(33.9500, 136.1800),
      p(33.8880, 136.1000, "Kumano (Hana-no-Iwaya)"),
      p(33.7323, 135.9837, "Kumano Hayatama Taisha"),
    ])

  /// The island hops, kept apart so that their "trail length" can be their own sum.
  private static let pacificPoints = [
    p(21.3069, -157.8583, "Honolulu"),
    p(16.7295, -169.5336, "Johnston Atoll"),
    p(7.0897, 171.3803, "Majuro"),
    p(1.3300, 172.9790, "Tarawa"),
    p(-8.5211, 179.1983, "Funafuti"),
    p(-18.1416, 178.4419, "Suva"),
  ]

  /// There is no trail across the ocean, so the great-circle sum is the trail length.
  static let pacificIslandHops = BuiltinRoute(
    key: "pacific-island-hops",
    name: "Pacific Island Hops",
    summary: "Honolulu to Suva by atolls across the date line; no trail, so the trail length "
      + "is the great-circle length itself.",
    trailLengthMetres: BuiltinRoute.greatCircleLength(pacificPoints),
    points: pacificPoints)
}
