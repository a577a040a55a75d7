dgSearchShard("l", [
["International Organisation of La Francophonie","Organization","organization/5d/international-organisation-of-la-francophonie.html"],
["League of Nations","Organization","organization/79/league-of-nations.html"],
["Libya","State","state/fc/LBY.html"],
["Lithuania","State","state/da/LTU.html"],
["Latvia","State","state/30/LVA.html"],
["Latvian–Russian Border Treaty","Treaty","treaty/e9/latvian-russian-border-treaty.html"]
], [
["la-francophonie","International Organisation of La Francophonie",0,30],
["la-francophonie","La Francophonie",0,0],
["la-francophonie","Organisation internationale de la Francophonie",0,31],
["league-of-nations","League of Nations",1,0],
["libya","Libya",2,0],
["lithuania","Lithuania",3,0],
["lithuania","Republic of Lithuania",3,12],
["latvia","Latvia",4,0],
["latvia","Republic of Latvia",4,12],
["latvian-russian-border-treaty","Latvian–Russian Border Treaty",5,0]
]);
