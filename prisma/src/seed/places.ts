// Slovak cities, districts and streets for demo data (with diacritics, as people write them).
export interface City {
  name: string;
  postalCode: string;
  latitude: number;
  longitude: number;
  districts: string[];
  streets: string[];
}

export const cities: City[] = [
  {
    name: "Bratislava",
    postalCode: "811 01",
    latitude: 48.1486,
    longitude: 17.1077,
    districts: ["Staré Mesto", "Petržalka", "Ružinov", "Nové Mesto", "Karlova Ves"],
    streets: ["Račianska", "Obchodná", "Košická", "Mlynské nivy", "Budatínska", "Karloveská"],
  },
  {
    name: "Košice",
    postalCode: "040 01",
    latitude: 48.7164,
    longitude: 21.2611,
    districts: ["Košice-Staré Mesto", "Sídlisko KVP", "Západ", "Juh", "Terasa"],
    streets: ["Hlavná", "Moyzesova", "Štúrova", "Popradská", "Trieda SNP", "Národná trieda"],
  },
  {
    name: "Prešov",
    postalCode: "080 01",
    latitude: 48.9985,
    longitude: 21.2339,
    districts: ["Centrum", "Sekčov", "Solivar"],
    streets: ["Hlavná", "Levočská", "Sabinovská"],
  },
  {
    name: "Žilina",
    postalCode: "010 01",
    latitude: 49.2231,
    longitude: 18.7394,
    districts: ["Staré Mesto", "Vlčince", "Hájik"],
    streets: ["Národná", "Vysokoškolákov", "Hálkova"],
  },
  {
    name: "Banská Bystrica",
    postalCode: "974 01",
    latitude: 48.7363,
    longitude: 19.1462,
    districts: ["Centrum", "Fončorda", "Sásová"],
    streets: ["Námestie SNP", "Tajovského", "Internátna"],
  },
  {
    name: "Nitra",
    postalCode: "949 01",
    latitude: 48.3069,
    longitude: 18.0864,
    districts: ["Staré Mesto", "Klokočina", "Chrenová"],
    streets: ["Štefánikova trieda", "Akademická", "Dlhá"],
  },
  {
    name: "Trnava",
    postalCode: "917 01",
    latitude: 48.3774,
    longitude: 17.5883,
    districts: ["Staré Mesto", "Družba", "Linčianska"],
    streets: ["Hlavná", "Hospodárska", "Študentská"],
  },
  {
    name: "Trenčín",
    postalCode: "911 01",
    latitude: 48.8945,
    longitude: 18.0444,
    districts: ["Centrum", "Juh", "Sihoť"],
    streets: ["Mierové námestie", "Legionárska", "Soblahovská"],
  },
  {
    name: "Poprad",
    postalCode: "058 01",
    latitude: 49.0614,
    longitude: 20.298,
    districts: ["Centrum", "Juh", "Spišská Sobota"],
    streets: ["Námestie sv. Egídia", "Levočská", "Popradské nábrežie"],
  },
  {
    name: "Martin",
    postalCode: "036 01",
    latitude: 49.0665,
    longitude: 18.9238,
    districts: ["Centrum", "Sever", "Záturčie"],
    streets: ["Námestie SNP", "Vajanského", "Kuzmányho"],
  },
];

/** "Košice-okolie" is a district of its own around Košice: a near miss for searches. */
export const kosiceOkolie = {
  name: "Košice-okolie",
  postalCode: "044 01",
  latitude: 48.66,
  longitude: 21.32,
  districts: ["Košice-okolie"],
  streets: ["Hlavná", "Záhradná"],
} satisfies City;
