dgSearchShard("z", [
["Eurozone","Organization","organization/20/eurozone.html"],
["Schengen Area","Organization","organization/70/schengen-area.html"],
["New Zealand","State","state/a1/NZL.html"]
], [
["zone","euro zone",0,5],
["zone","Schengen zone",1,9],
["zealand","New Zealand",2,4]
]);
