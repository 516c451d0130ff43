"""Cone-search oracle: astropy's SkyCoord.separation over every source, for every query.

argv: sources.csv (ra,dec degrees per line), queries.csv (ra,dec,radius_arcsec per line), out file.
Writes one line per query: the matching source indices with their separations, "i:sep_arcsec" space-separated.
Run with Debian's /usr/bin/python3 (python3-astropy), never the first python on PATH.
"""
import sys

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord

src = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
qry = np.loadtxt(sys.argv[2], delimiter=",", ndmin=2)
stars = SkyCoord(ra=src[:, 0] * u.deg, dec=src[:, 1] * u.deg, frame="icrs")
with open(sys.argv[3], "w") as out:
    for ra, dec, radius in qry:
        centre = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame="icrs")
        sep = centre.separation(stars).arcsec
        hits = np.nonzero(sep <= radius)[0]
        out.write(" ".join("%d:%.12g" % (i, sep[i]) for i in hits) + "\n")
