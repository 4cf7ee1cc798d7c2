package com.finpulse.ingest.simulate;

import java.util.List;

/**
 * A company of the simulated market. The names are invented (no real company is the subject of
 * synthetic news); the sectors decide which templates may mention it.
 */
record Company(String name, String ticker, Sector sector) {

  enum Sector {
    ENERGY,
    BANK,
    TECH,
    RETAIL,
    PHARMA,
    INDUSTRIAL,
    AIRLINE
  }

  static final List<Company> ALL =
      List.of(
          new Company("Northwind Petroleum", "NWPC", Sector.ENERGY),
          new Company("Gulfstar Energy", "GSTE", Sector.ENERGY),
          new Company("Redstone Oil & Gas", "RSOG", Sector.ENERGY),
          new Company("Meridian Refining", "MRFN", Sector.ENERGY),
          new Company("Caspian Drilling", "CSPD", Sector.ENERGY),
          new Company("Blue Ridge Midstream", "BRMS", Sector.ENERGY),
          new Company("Harborview Bancorp", "HVBC", Sector.BANK),
          new Company("First Lakeshore Financial", "FLKF", Sector.BANK),
          new Company("Sterling Crest Bank", "SCBK", Sector.BANK),
          new Company("Ironbridge Capital", "IBCP", Sector.BANK),
          new Company("Quantix Systems", "QNTX", Sector.TECH),
          new Company("Lumora Semiconductor", "LMRA", Sector.TECH),
          new Company("Cloudvale Software", "CLDV", Sector.TECH),
          new Company("Nexaris Networks", "NXRS", Sector.TECH),
          new Company("Brightmart Stores", "BMRT", Sector.RETAIL),
          new Company("Oakfield Brands", "OKFB", Sector.RETAIL),
          new Company("Veridian Therapeutics", "VRDT", Sector.PHARMA),
          new Company("Helixa Biosciences", "HLXA", Sector.PHARMA),
          new Company("Atlas Motors", "ATMO", Sector.INDUSTRIAL),
          new Company("Keystone Aerospace", "KSAE", Sector.INDUSTRIAL),
          new Company("Summit Freight", "SMFT", Sector.INDUSTRIAL),
          new Company("Skyward Airlines", "SKWA", Sector.AIRLINE));
}
