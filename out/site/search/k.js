dgSearchShard("k", [
["Denmark","State","state/ae/DNK.html"],
["Spain","State","state/d9/ESP.html"],
["United Kingdom","State","state/08/GBR.html"],
["Netherlands","State","state/5f/NLD.html"],
["Norway","State","state/ae/NOR.html"],
["Sweden","State","state/00/SWE.html"],
["Kosovo","State","state/f2/XKX.html"]
], [
["kingdom-of-denmark","Kingdom of Denmark",0,0],
["kingdom-of-spain","Kingdom of Spain",1,0],
["kingdom","United Kingdom",2,7],
["k","U.K.",2,2],
["kingdom-of-great-britain-and-northern-ireland","United Kingdom of Great Britain and Northern Ireland",2,7],
["kingdom-of-the-netherlands","Kingdom of the Netherlands",3,0],
["kingdom-of-norway","Kingdom of Norway",4,0],
["kingdom-of-sweden","Kingdom of Sweden",5,0],
["kosovo","Kosovo",6,0],
["kosovo","Republic of Kosovo",6,12]
]);
