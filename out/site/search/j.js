dgSearchShard("j", [
["Joint Expeditionary Force","Organization","organization/f1/joint-expeditionary-force.html"],
["Japan","State","state/9d/JPN.html"]
], [
["joint-expeditionary-force","Joint Expeditionary Force",0,0],
["jef","JEF",0,0],
["japan","Japan",1,0]
]);
